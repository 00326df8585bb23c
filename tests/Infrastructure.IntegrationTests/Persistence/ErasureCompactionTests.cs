using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// What the purge does to the secrets table's files on PostgreSQL after erasures (issue 15, item 1): by default it
/// rewrites the table (a plain vacuum leaves pieces of erased row versions in the freed space), but only when rows were
/// updated or deleted since its last rewrite, and only up to <c>Purge:RewriteMaxTableMegabytes</c>.
/// </summary>
[TestFixture(DatabaseProvider.Postgres)]
[NonParallelizable]
public sealed class ErasureCompactionTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task ShouldRewriteTheSecretsTable_ByDefault_AfterAReveal()
    {
        await using var instance = BuildServiceProvider(new FakeTimeProvider(Clock.GetUtcNow()));
        await RevealOneAsync();
        var before = await FileNodeAsync();

        await CompactAsync(instance);

        Assert.That(await FileNodeAsync(), Is.Not.EqualTo(before), "VACUUM FULL gives the table a new file");
    }

    [Test]
    public async Task ShouldNotRewriteAgain_WhenNothingWasUpdatedOrDeletedSinceTheLastRewrite_AndAgainAfterTheNextReveal()
    {
        await using var instance = BuildServiceProvider(new FakeTimeProvider(Clock.GetUtcNow()));
        await RevealOneAsync();
        await CompactAsync(instance);
        var afterFirst = await FileNodeAsync();

        await CompactAsync(instance);
        var afterIdleRun = await FileNodeAsync();

        var changes = await ChangeCountAsync();
        await RevealOneAsync();
        await WaitForStatisticsAsync(changes);
        await CompactAsync(instance);

        var afterReveal = await FileNodeAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterIdleRun, Is.EqualTo(afterFirst), "no update or delete since the last rewrite: nothing to rewrite");
            Assert.That(afterReveal, Is.Not.EqualTo(afterIdleRun), "a reveal since: rewritten again");
        }
    }

    [Test]
    public async Task ShouldOnlyVacuum_AndWarnOnce_WhenTheTableIsLargerThanTheRewriteLimit()
    {
        await using var instance = BuildServiceProvider(
            new FakeTimeProvider(Clock.GetUtcNow()),
            new Dictionary<string, string?> { ["Purge:RewriteMaxTableMegabytes"] = "1" });
        // About 2.5 MB of unread secrets, made by copying one row with new keys.
        await ShareAsync(new string('x', 900));
        await ExecuteAsync(
            """
            INSERT INTO secrets ("Id", "SecretKeyHash", "MetadataKeyHash", "EncryptedSecretKey", "Ciphertext", "PassphraseRequired", "TtlSeconds",
                                 "Recipients", "ShareDomain", "State", "FailedPassphraseAttempts", "CreatedAt", "UpdatedAt", "SecretExpiresAt", "MetadataExpiresAt")
            SELECT gen_random_uuid(), sha256(('s' || i)::text::bytea), sha256(('m' || i)::text::bytea), s."EncryptedSecretKey", s."Ciphertext", false, s."TtlSeconds",
                   s."Recipients", s."ShareDomain", s."State", 0, s."CreatedAt", s."UpdatedAt", s."SecretExpiresAt", s."MetadataExpiresAt"
            FROM (SELECT * FROM secrets LIMIT 1) s, generate_series(1, 2000) i
            """);
        await RevealOneAsync();
        var before = await FileNodeAsync();

        await CompactAsync(instance);
        await CompactAsync(instance);

        var after = await FileNodeAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after, Is.EqualTo(before), "over the limit the table is only vacuumed");
            Assert.That(
                Logs.Lines.Count(l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("Purge:RewriteMaxTableMegabytes", StringComparison.Ordinal)),
                Is.EqualTo(1),
                "one warning, not one per run");
        }
    }

    private async Task RevealOneAsync()
    {
        var created = await ShareAsync("compaction probe");
        await HandleAsync<RevealSecretCommandHandler, RevealedSecret>(h => h.Handle(new RevealSecretCommand(created.SecretKey, null, TestClient), CancellationToken.None));
    }

    private static async Task CompactAsync(ServiceProvider instance)
    {
        await using var scope = instance.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IErasureCompaction>().CompactAsync(CancellationToken.None);
    }

    private async Task<uint> FileNodeAsync() => Convert.ToUInt32(await ScalarAsync("SELECT pg_relation_filenode('secrets')::bigint"), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> ChangeCountAsync() => (long)(await ScalarAsync("SELECT n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relname = 'secrets'"))!;

    /// <summary>Backends report their statistics with a delay (up to about ten seconds when idle).</summary>
    private async Task WaitForStatisticsAsync(long before)
    {
        var waited = Stopwatch.StartNew();
        while (await ChangeCountAsync() == before && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
