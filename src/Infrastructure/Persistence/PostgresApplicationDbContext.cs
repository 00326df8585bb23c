using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>The production database: PostgreSQL.</summary>
public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : ApplicationDbContext(options)
{
    /// <summary>
    /// Built once from the model, which is the same for every context of this type (a race only builds it twice).
    /// Holds <c>null</c> if the entity is not plain enough for a direct insert.
    /// </summary>
    private static StrongBox<DirectInsert<Secret>?>? _secretInsert;

    /// <summary>The INSERT that SaveChanges would send, without the change tracker (docs/decisions/0008).</summary>
    public override async Task InsertSecretAsync(Secret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (SecretInsert() is not { } insert)
        {
            await base.InsertSecretAsync(secret, cancellationToken);
            return;
        }

        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = NewCommand(insert.Sql);
            insert.AddParameters(command, secret);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    /// <summary>A command on the context's own connection and transaction, with its command timeout.</summary>
    internal NpgsqlCommand NewCommand(string sql) => new(sql, (NpgsqlConnection)Database.GetDbConnection())
    {
        CommandTimeout = Database.GetCommandTimeout() ?? 30,
        Transaction = (NpgsqlTransaction?)Database.CurrentTransaction?.GetDbTransaction(),
    };

    private DirectInsert<Secret>? SecretInsert() =>
        (_secretInsert ??= new StrongBox<DirectInsert<Secret>?>(DirectInsert.TryCreate<Secret>(Model, this.GetService<ISqlGenerationHelper>()))).Value;
}
