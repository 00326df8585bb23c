using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>
/// Both forms of the one-time claim, side by side: the general one, through EF Core with the domain's
/// <see cref="Secret.RevealableAt"/> and <see cref="SecretErasure.EraseIntoAsync"/>, and on PostgreSQL the
/// single-statement claim of a secret without passphrase (docs/decisions/0008), whose SQL repeats the same two rules with
/// identifiers taken from the EF Core model. SecretClaimsTests pins the two to the same behaviour on both engines.
/// </summary>
public sealed class SecretClaims(ApplicationDbContext db, IOptions<SecretOptions> options) : ISecretClaims
{
    /// <summary>Built once from the model, which is the same for every PostgreSQL context (a race only builds it twice).</summary>
    private static StrongBox<string>? _claimUnprotectedSql;

    public async Task<ClaimedSecret?> TryClaimUnprotectedAsync(byte[] secretKeyHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secretKeyHash);
        if (db is PostgresApplicationDbContext postgres)
        {
            return await TryClaimUnprotectedInOneStatementAsync(postgres, secretKeyHash, now, cancellationToken);
        }

        var candidate = await db.Secrets
            .AsNoTracking()
            .Where(s => s.SecretKeyHash == secretKeyHash && s.PassphraseHash == null)
            .Where(Secret.RevealableAt(now))
            .Select(s => new { s.Id, s.Ciphertext, s.ShareDomain })
            .SingleOrDefaultAsync(cancellationToken);
        if (candidate is null || !await TryClaimAsync(candidate.Id, now, cancellationToken))
        {
            return null;
        }

        return new ClaimedSecret(candidate.Ciphertext!, candidate.ShareDomain);
    }

    public async Task<bool> TryClaimAsync(Guid secretId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.MaxPassphraseAttempts;
        var claimed = await db.Secrets
            .Where(s => s.Id == secretId && s.FailedPassphraseAttempts <= maxAttempts)
            .Where(Secret.RevealableAt(now))
            .EraseIntoAsync(SecretState.Received, now, cancellationToken);
        return claimed == 1;
    }

    /// <summary>
    /// The counter is taken before bcrypt runs, so it counts checks, right or wrong: the check that finds the right
    /// passphrase on the last attempt still reveals (the claim accepts a count equal to the limit).
    /// </summary>
    public async Task<bool> TryReservePassphraseAttemptAsync(Guid secretId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.MaxPassphraseAttempts;
        var reserved = await db.Secrets
            .Where(s => s.Id == secretId && s.FailedPassphraseAttempts < maxAttempts)
            .Where(Secret.RevealableAt(now))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.FailedPassphraseAttempts, s => s.FailedPassphraseAttempts + 1), cancellationToken);
        return reserved == 1;
    }

    public async Task DestroyIfAttemptsSpentAsync(Guid secretId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.MaxPassphraseAttempts;
        await db.Secrets
            .Where(s => s.Id == secretId && s.FailedPassphraseAttempts >= maxAttempts)
            .Where(Secret.RevealableAt(now))
            .EraseIntoAsync(SecretState.Burned, now, cancellationToken, byFailedPassphrases: true);
    }

    /// <summary>
    /// The sub-select locks the row; a concurrent claimer waits for that lock and then re-checks the conditions on the
    /// committed row (PostgreSQL's READ COMMITTED re-evaluation), finds the ciphertext gone and claims nothing.
    /// RETURNING shows the row after the update, so the erased ciphertext is returned from the locked sub-select.
    /// Positional parameters spare Npgsql from parsing the SQL.
    /// </summary>
    private static async Task<ClaimedSecret?> TryClaimUnprotectedInOneStatementAsync(
        PostgresApplicationDbContext postgres,
        byte[] secretKeyHash,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var sql = (_claimUnprotectedSql ??= new StrongBox<string>(BuildClaimUnprotectedSql(postgres.Model, postgres.GetService<ISqlGenerationHelper>()))).Value!;
        await postgres.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = postgres.NewCommand(sql);
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
            await postgres.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The single-statement claim, with $1 the key hash and $2 the time. Its WHERE is <see cref="Secret.RevealableAt"/>
    /// and its SET is <see cref="SecretErasure.EraseIntoAsync"/> into <c>received</c>, written in SQL.
    /// </summary>
    internal static string BuildClaimUnprotectedSql(IModel model, ISqlGenerationHelper sql)
    {
        var names = new SecretColumns(model, sql);
        var now = "$2";
        return $"""
            WITH candidate AS (
                SELECT {names[nameof(Secret.Id)]}, {names[nameof(Secret.Ciphertext)]}, {names[nameof(Secret.ShareDomain)]} FROM {names.Table}
                WHERE {names[nameof(Secret.SecretKeyHash)]} = $1 AND {names[nameof(Secret.PassphraseHash)]} IS NULL
                  AND {names[nameof(Secret.Ciphertext)]} IS NOT NULL
                  AND {names[nameof(Secret.State)]} IN ({names.Literal(SecretState.New)}, {names.Literal(SecretState.Viewed)})
                  AND {names[nameof(Secret.SecretExpiresAt)]} > {now}
                FOR UPDATE)
            UPDATE {names.Table} AS s
            SET {names[nameof(Secret.Ciphertext)]} = NULL, {names[nameof(Secret.PassphraseHash)]} = NULL,
                {names[nameof(Secret.State)]} = {names.Literal(SecretState.Received)},
                {names[nameof(Secret.UpdatedAt)]} = {now}, {names[nameof(Secret.ReceivedAt)]} = {now},
                {names[nameof(Secret.EncryptedSecretKey)]} = {names.EmptyBytes(nameof(Secret.EncryptedSecretKey))}
            FROM candidate
            WHERE s.{names[nameof(Secret.Id)]} = candidate.{names[nameof(Secret.Id)]}
            RETURNING candidate.{names[nameof(Secret.Ciphertext)]}, candidate.{names[nameof(Secret.ShareDomain)]}
            """;
    }

    /// <summary>The secrets table's delimited identifiers and state literals, as the EF Core model maps them.</summary>
    private sealed class SecretColumns
    {
        private readonly IEntityType _entity;
        private readonly StoreObjectIdentifier _store;
        private readonly ISqlGenerationHelper _sql;

        public SecretColumns(IModel model, ISqlGenerationHelper sql)
        {
            _entity = model.FindEntityType(typeof(Secret)) ?? throw new InvalidOperationException("The model has no secrets table.");
            var table = _entity.GetTableName() ?? throw new InvalidOperationException("The secrets entity is not mapped to a table.");
            _store = StoreObjectIdentifier.Table(table, _entity.GetSchema());
            _sql = sql;
            Table = sql.DelimitIdentifier(table, _entity.GetSchema());
        }

        public string Table { get; }

        public string this[string property] => _sql.DelimitIdentifier(
            Property(property).GetColumnName(_store)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{property} has no column.")));

        /// <summary>A state as the column stores it, through the model's value converter.</summary>
        public string Literal(SecretState state) =>
            Property(nameof(Secret.State)).GetRelationalTypeMapping().GenerateSqlLiteral(state);

        /// <summary>An empty byte string as the column's type writes it.</summary>
        public string EmptyBytes(string property) => Property(property).GetRelationalTypeMapping().GenerateSqlLiteral(Array.Empty<byte>());

        private IProperty Property(string name) =>
            _entity.FindProperty(name) ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The model has no {name}."));
    }
}
