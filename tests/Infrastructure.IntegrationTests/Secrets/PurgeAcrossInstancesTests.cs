using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Secrets.Commands.PurgeExpired;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Secrets;

/// <summary>
/// Two instances of the app (two service providers) on one PostgreSQL database: only one purges at a time, and
/// together they never do the work twice. (SQLite serves a single instance.)
/// </summary>
[TestFixture(DatabaseProvider.Postgres)]
public sealed class PurgeAcrossInstancesTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private ServiceProvider _secondInstance = null!;

    protected override IDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Purge:BatchSize"] = "5",
    };

    [OneTimeSetUp]
    public void StartSecondInstance() => _secondInstance = BuildServiceProvider(Clock);

    [OneTimeTearDown]
    public async Task StopSecondInstanceAsync()
    {
        if (_secondInstance is not null)
        {
            await _secondInstance.DisposeAsync();
        }
    }

    private static async Task<PurgeReport> PurgeOnAsync(IServiceProvider instance)
    {
        await using var scope = instance.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<PurgeExpiredCommandHandler>(scope.ServiceProvider);
        return await handler.Handle(new PurgeExpiredCommand(), CancellationToken.None);
    }

    private async Task<int> CountAsync(SecretState state)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Secrets.CountAsync(s => s.State == state);
    }

    [Test]
    public async Task ShouldSkipThePurge_WhileAnotherInstanceHoldsItsLock()
    {
        await ShareAsync("due", ttl: 60);
        Clock.Advance(TimeSpan.FromSeconds(61));

        PurgeReport whileHeld;
        await using (var scope = Services.CreateAsyncScope())
        {
            var firstInstanceLock = scope.ServiceProvider.GetRequiredService<IDistributedLock>();
            await using var held = await firstInstanceLock.TryAcquireAsync(PurgeExpiredCommandHandler.LockName, CancellationToken.None);
            Assert.That(held, Is.Not.Null);

            whileHeld = await PurgeOnAsync(_secondInstance);
        }

        var afterRelease = await PurgeOnAsync(_secondInstance);

        Assert.That(whileHeld, Is.EqualTo(PurgeReport.Skipped));
        Assert.That(afterRelease, Is.EqualTo(new PurgeReport(true, 1, 0)));
        Assert.That(await CountAsync(SecretState.Expired), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldDoTheWorkExactlyOnce_WhenTwoInstancesPurgeAtTheSameTime()
    {
        for (var i = 0; i < 40; i++)
        {
            await ShareAsync($"due {i}", ttl: 60);
        }

        await ShareAsync("live", ttl: 3600);
        Clock.Advance(TimeSpan.FromSeconds(61));

        var reports = await Task.WhenAll(
            Task.Run(() => PurgeOnAsync(Services)),
            Task.Run(() => PurgeOnAsync(_secondInstance)),
            Task.Run(() => PurgeOnAsync(Services)),
            Task.Run(() => PurgeOnAsync(_secondInstance)));

        Assert.That(reports.Sum(r => r.SecretsExpired), Is.EqualTo(40), "each secret is expired by exactly one run");
        Assert.That(reports.Any(r => r.Ran), Is.True);
        Assert.That(await CountAsync(SecretState.Expired), Is.EqualTo(40));
        Assert.That(await CountAsync(SecretState.New), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldKeepTheReceivedState_WhenARevealCommitsWhileThePurgeWaitsForTheRow()
    {
        var created = await ShareAsync("revealed at the last moment", ttl: 60);
        Clock.Advance(TimeSpan.FromSeconds(61));
        Guid id;
        await using (var scope = Services.CreateAsyncScope())
        {
            var hash = scope.ServiceProvider.GetRequiredService<IKeyHasher>().Hash(created.SecretKey);
            id = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Secrets
                .Where(s => s.SecretKeyHash == hash).Select(s => s.Id).SingleAsync();
        }

        // A reveal on an instance whose clock is a hair behind: it holds the row, uncommitted, when the purge comes.
        await using var reveal = new NpgsqlConnection(Database.ConnectionString);
        await reveal.OpenAsync();
        await using var transaction = await reveal.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(
            "UPDATE secrets SET \"State\" = 'Received', \"Ciphertext\" = NULL, \"ReceivedAt\" = now() WHERE \"Id\" = @id",
            reveal,
            transaction))
        {
            claim.Parameters.AddWithValue("id", id);
            Assert.That(await claim.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var purge = Task.Run(() => PurgeOnAsync(_secondInstance));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.That(purge.IsCompleted, Is.False, "the purge should wait for the row the reveal holds");
        await transaction.CommitAsync();
        var report = await purge;

        Assert.That(report.SecretsExpired, Is.Zero);
        Assert.That(await CountAsync(SecretState.Received), Is.EqualTo(1));
        Assert.That(await CountAsync(SecretState.Expired), Is.Zero);
    }
}
