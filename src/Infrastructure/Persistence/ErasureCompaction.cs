using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>
/// SQLite: the write-ahead log still holds the page versions from before an erasure until it is checkpointed, so it is
/// checkpointed into the database file (where <c>secure_delete</c> has zeroed the value) and truncated to nothing.
/// PostgreSQL: the old row version stays in the table file until vacuum, so the secrets table is vacuumed (it also has
/// aggressive autovacuum settings, see the AggressiveSecretsAutovacuum migration). A plain vacuum does not overwrite the
/// freed space, so with <c>Purge:RewriteSecretsTable</c> the table is rewritten instead (<c>VACUUM FULL</c>). What
/// remains in WAL archives and base backups is in docs/self-hosting.md and docs/security.md.
/// </summary>
public sealed class ErasureCompaction(ApplicationDbContext db, IOptions<PurgeOptions> options) : IErasureCompaction
{
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        if (db is PostgresApplicationDbContext)
        {
            var table = db.Model.FindEntityType(typeof(Domain.Secrets.Secret))?.GetTableName() ?? "secrets";
#pragma warning disable EF1002 // The table name comes from the model, not from input.
            var vacuum = options.Value.RewriteSecretsTable ? "VACUUM (FULL)" : "VACUUM";
            await db.Database.ExecuteSqlRawAsync($"{vacuum} {db.GetService<ISqlGenerationHelper>().DelimitIdentifier(table)}", cancellationToken);
#pragma warning restore EF1002
            return;
        }

        // A reader that is still on an old snapshot makes the checkpoint stop short; the next purge finishes it.
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }
}
