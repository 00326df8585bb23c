using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>The production database: PostgreSQL.</summary>
public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : ApplicationDbContext(options)
{
    /// <summary>
    /// The reveal of a secret without passphrase in one round trip. The sub-select locks the row; a concurrent claimer
    /// waits for that lock and then re-checks the conditions on the committed row (PostgreSQL's READ COMMITTED
    /// re-evaluation), finds the ciphertext gone and claims nothing. RETURNING shows the row after the update, so the
    /// erased ciphertext is returned from the locked sub-select. Positional parameters spare Npgsql from parsing the SQL.
    /// </summary>
    private static readonly string ClaimUnprotectedSql = $"""
        WITH candidate AS (
            SELECT "Id", "Ciphertext", "ShareDomain" FROM secrets
            WHERE "SecretKeyHash" = $1 AND "Ciphertext" IS NOT NULL AND "PassphraseHash" IS NULL
              AND "State" IN ('{SecretState.New}', '{SecretState.Viewed}') AND "SecretExpiresAt" > $2
            FOR UPDATE)
        UPDATE secrets AS s
        SET "Ciphertext" = NULL, "State" = '{SecretState.Received}', "ReceivedAt" = $2, "UpdatedAt" = $2
        FROM candidate
        WHERE s."Id" = candidate."Id"
        RETURNING candidate."Ciphertext", candidate."ShareDomain"
        """;

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

    public override async Task<ClaimedSecret?> TryClaimUnprotectedSecretAsync(byte[] secretKeyHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secretKeyHash);
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = NewCommand(ClaimUnprotectedSql);
            command.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = secretKeyHash });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = now.ToUniversalTime() });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new ClaimedSecret(reader.GetFieldValue<byte[]>(0), reader.GetString(1));
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    private NpgsqlCommand NewCommand(string sql) => new(sql, (NpgsqlConnection)Database.GetDbConnection())
    {
        CommandTimeout = Database.GetCommandTimeout() ?? 30,
        Transaction = (NpgsqlTransaction?)Database.CurrentTransaction?.GetDbTransaction(),
    };

    private DirectInsert<Secret>? SecretInsert() =>
        (_secretInsert ??= new StrongBox<DirectInsert<Secret>?>(DirectInsert.TryCreate<Secret>(Model, this.GetService<ISqlGenerationHelper>()))).Value;
}
