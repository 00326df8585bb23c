using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>
/// SQLite: the write-ahead log still holds the page versions from before an erasure until it is checkpointed, so it is
/// checkpointed into the database file (where <c>secure_delete</c> has zeroed the value) and truncated to nothing.
/// PostgreSQL: the old row version stays in the table file until vacuum, and a plain vacuum frees its space without
/// overwriting it, so the secrets table is rewritten (<c>VACUUM FULL</c>) when rows were updated or deleted since its
/// last rewrite (<c>Purge:RewriteSecretsTable</c>, up to <c>Purge:RewriteMaxTableMegabytes</c>), else vacuumed. What
/// remains in WAL archives and base backups is in docs/security.md.
/// </summary>
public sealed partial class ErasureCompaction(
    ApplicationDbContext db,
    IOptions<PurgeOptions> options,
    SecretsTableRewrites rewrites,
    ILogger<ErasureCompaction> logger) : IErasureCompaction
{
    // The rewrite waits at most this long for its exclusive lock (a long transaction holding the table), so that the
    // requests queued behind it are not held up; it is tried again on the next run.
    private const string RewriteLockTimeout = "1s";

    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        if (db is not PostgresApplicationDbContext)
        {
            // A reader that is still on an old snapshot makes the checkpoint stop short; the next purge finishes it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            return;
        }

        var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(
            db.Model.FindEntityType(typeof(Domain.Secrets.Secret))?.GetTableName() ?? "secrets");
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (options.Value.RewriteSecretsTable && await RewriteIfChangedAsync(table, cancellationToken))
            {
                return;
            }

            await ExecuteAsync($"VACUUM {table}", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>True when the table was rewritten, or needed no rewrite; false when only a vacuum is to be done.</summary>
    private async Task<bool> RewriteIfChangedAsync(string table, CancellationToken cancellationToken)
    {
        // The statistics' cumulative counts of updated and deleted rows (erasures, attempts, deletions): unchanged means
        // no new dead row version. Backends report them with a delay of up to some seconds, so an erasure just before a
        // run is rewritten away by the next one.
        var (changes, bytes) = await TableFiguresAsync(table, cancellationToken);
        if (changes is not null && changes == rewrites.ChangesAtLastRewrite)
        {
            return true;
        }

        var limitBytes = options.Value.RewriteMaxTableMegabytes * 1024L * 1024L;
        if (bytes > limitBytes)
        {
            if (!rewrites.WarnedOversize)
            {
                rewrites.WarnedOversize = true;
                LogTooLargeToRewrite(logger, bytes / (1024 * 1024), options.Value.RewriteMaxTableMegabytes);
            }

            return false;
        }

        rewrites.WarnedOversize = false;
        try
        {
            await ExecuteAsync($"SET lock_timeout = '{RewriteLockTimeout}'", cancellationToken);
            await ExecuteAsync($"VACUUM (FULL) {table}", cancellationToken);
            rewrites.ChangesAtLastRewrite = changes;
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            LogRewriteDeferred(logger);
            return false;
        }
        finally
        {
            await ExecuteAsync("RESET lock_timeout", CancellationToken.None);
        }
    }

    private async Task<(long? Changes, long Bytes)> TableFiguresAsync(string table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relid = '{table}'::regclass), pg_table_size('{table}'::regclass)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1));
    }

#pragma warning disable EF1002 // Only the table name from the model and constants are put into these statements.
    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
#pragma warning restore EF1002

    [LoggerMessage(Level = LogLevel.Warning, Message = "The secrets table holds {Megabytes} MB, more than Purge:RewriteMaxTableMegabytes ({Limit}): the purge only vacuums it, so pieces of erased values can stay in its free space until new rows reuse it (docs/security.md)")]
    private static partial void LogTooLargeToRewrite(ILogger logger, long megabytes, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "The secrets table was busy: its rewrite is left to the next purge run, this one only vacuums it")]
    private static partial void LogRewriteDeferred(ILogger logger);
}

/// <summary>What the purge remembers between runs about its rewrites of the secrets table (one per app instance).</summary>
public sealed class SecretsTableRewrites
{
    /// <summary>The statistics' count of updated and deleted rows when the table was last rewritten.</summary>
    public long? ChangesAtLastRewrite { get; set; }

    /// <summary>Whether the warning that the table is too large to rewrite has been logged since it last fitted.</summary>
    public bool WarnedOversize { get; set; }
}
