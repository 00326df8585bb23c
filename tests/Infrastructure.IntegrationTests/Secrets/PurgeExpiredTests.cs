using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Secrets.Commands.PurgeExpired;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Secrets;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class PurgeExpiredTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    // Small batches, so that a handful of rows already needs several statements.
    protected override IDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Purge:BatchSize"] = "3",
    };

    private Task<PurgeReport> PurgeAsync() =>
        HandleAsync<PurgeExpiredCommandHandler, PurgeReport>(h => h.Handle(new PurgeExpiredCommand(), CancellationToken.None));

    private Task<MetadataDto> ViewAsync(string metadataKey) =>
        HandleAsync<ViewMetadataCommandHandler, MetadataDto>(h => h.Handle(new ViewMetadataCommand(metadataKey), CancellationToken.None));

    private Task<RevealedSecret> RevealAsync(string secretKey) =>
        HandleAsync<RevealSecretCommandHandler, RevealedSecret>(h => h.Handle(new RevealSecretCommand(secretKey, null, TestClient), CancellationToken.None));

    private async Task<Secret?> RowAsync(CreatedSecret created)
    {
        await using var scope = Services.CreateAsyncScope();
        var hash = scope.ServiceProvider.GetRequiredService<IKeyHasher>().Hash(created.MetadataKey);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Secrets.AsNoTracking().SingleOrDefaultAsync(s => s.MetadataKeyHash == hash);
    }

    private async Task<int> CountAsync<T>(Func<ApplicationDbContext, IQueryable<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>()).CountAsync();
    }

    [Test]
    public async Task ShouldEraseTheValueAndKeepTheReceipt_WhenTheSecretIsPastItsTtl()
    {
        var created = await ShareAsync("expiring value", passphrase: "pass", ttl: 60);
        Clock.Advance(TimeSpan.FromSeconds(60));

        var report = await PurgeAsync();

        var row = await RowAsync(created);
        Assert.Multiple(() =>
        {
            Assert.That(report, Is.EqualTo(new PurgeReport(true, 1, 0)));
            Assert.That(row, Is.Not.Null);
            Assert.That(row!.State, Is.EqualTo(SecretState.Expired));
            Assert.That(row.Ciphertext, Is.Null);
            Assert.That(row.PassphraseHash, Is.Null);
            Assert.That(row.UpdatedAt, Is.EqualTo(row.SecretExpiresAt));
        });
        Assert.That((await ViewAsync(created.MetadataKey)).State, Is.EqualTo(SecretState.Expired));
    }

    [Test]
    public async Task ShouldLeaveLiveSecretsAlone_WhenOthersExpire()
    {
        var expiring = await ShareAsync("short", ttl: 60);
        var live = await ShareAsync("long", ttl: 3600);
        Clock.Advance(TimeSpan.FromSeconds(61));

        var report = await PurgeAsync();

        Assert.That(report.SecretsExpired, Is.EqualTo(1));
        Assert.That((await RowAsync(expiring))!.Ciphertext, Is.Null);
        Assert.That((await RowAsync(live))!.Ciphertext, Is.Not.Null);
        Assert.That((await RevealAsync(live.SecretKey)).Value, Is.EqualTo("long"));
    }

    [Test]
    public async Task ShouldDeleteTheReceipt_WhenItIsPastItsOwnExpiry()
    {
        var created = await ShareAsync("forgotten", ttl: 60);
        Clock.Advance(TimeSpan.FromSeconds(120));

        var report = await PurgeAsync();

        Assert.That(report, Is.EqualTo(new PurgeReport(true, 1, 1)));
        Assert.That(await RowAsync(created), Is.Null);
        Assert.ThrowsAsync<MetadataNotFoundException>(() => ViewAsync(created.MetadataKey));
    }

    [Test]
    public async Task ShouldKeepTheReceiptOfAReceivedSecret_UntilItsOwnExpiry()
    {
        var created = await ShareAsync("read soon", ttl: 3600);
        await RevealAsync(created.SecretKey);

        Clock.Advance(TimeSpan.FromSeconds(3601));
        var early = await PurgeAsync();

        Assert.That(early, Is.EqualTo(new PurgeReport(true, 0, 0)));
        var receipt = await ViewAsync(created.MetadataKey);
        Assert.That(receipt.State, Is.EqualTo(SecretState.Received));
        Assert.That(receipt.Received, Is.EqualTo(TestStart));

        Clock.Advance(TimeSpan.FromSeconds(3599));
        var late = await PurgeAsync();

        Assert.That(late, Is.EqualTo(new PurgeReport(true, 0, 1)));
        Assert.ThrowsAsync<MetadataNotFoundException>(() => ViewAsync(created.MetadataKey));
    }

    [Test]
    public async Task ShouldPurgeEveryDueRow_WhenThereAreMoreThanOneBatch()
    {
        var expiring = new List<CreatedSecret>();
        for (var i = 0; i < 8; i++)
        {
            expiring.Add(await ShareAsync($"batch {i}", ttl: 60));
        }

        var live = new[] { await ShareAsync("live 1", ttl: 3600), await ShareAsync("live 2", ttl: 3600) };
        Clock.Advance(TimeSpan.FromSeconds(61));

        var first = await PurgeAsync();
        Clock.Advance(TimeSpan.FromSeconds(60));
        var second = await PurgeAsync();

        Assert.That(first, Is.EqualTo(new PurgeReport(true, 8, 0)));
        Assert.That(second, Is.EqualTo(new PurgeReport(true, 0, 8)));
        Assert.That(await CountAsync(db => db.Secrets), Is.EqualTo(2));
        foreach (var secret in live)
        {
            Assert.That((await RowAsync(secret))!.State, Is.EqualTo(SecretState.New));
        }
    }

    [Test]
    public async Task ShouldDetachTheEmailsOfASecretAndDeleteThemADayLater_WhenItsReceiptIsDeleted()
    {
        var gone = await ShareAsync("mailed", ttl: 60, recipients: ["fred@example.org"]);
        var kept = await ShareAsync("mailed later", ttl: 3600, recipients: ["wilma@example.org"]);
        Clock.Advance(TimeSpan.FromSeconds(120));

        await PurgeAsync();

        Assert.That(await RowAsync(gone), Is.Null);
        var keptRow = await RowAsync(kept);
        Assert.That(await CountAsync(db => db.EmailNotifications.Where(n => n.SecretId == keptRow!.Id)), Is.EqualTo(1));
        Assert.That(
            await CountAsync(db => db.EmailNotifications.Where(n => n.SecretId == null
                && n.Status == NotificationStatus.Cancelled
                && n.EncryptedAddress == null
                && n.EncryptedShareLink == null)),
            Is.EqualTo(1),
            "the purged receipt's email stays for the quotas, holding nothing");

        Clock.Advance(TimeSpan.FromHours(24));
        await PurgeAsync();

        Assert.That(await CountAsync(db => db.EmailNotifications.Where(n => n.SecretId == null)), Is.Zero);
    }

    [Test]
    public async Task ShouldChangeNothing_WhenNothingIsDue()
    {
        var created = await ShareAsync("fresh", ttl: 600);

        var report = await PurgeAsync();

        Assert.That(report, Is.EqualTo(new PurgeReport(true, 0, 0)));
        Assert.That((await RowAsync(created))!.State, Is.EqualTo(SecretState.New));
    }
}
