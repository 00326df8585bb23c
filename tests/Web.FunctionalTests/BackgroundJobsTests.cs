using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Web.FunctionalTests;

/// <summary>
/// The Quartz wiring in the running app: with the jobs switched on, the outbox is delivered and expired values are
/// erased without anyone sending a command.
/// </summary>
public sealed class BackgroundJobsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Purge:Enabled"] = "true",
        ["Secrets:AllowAnonymousRecipients"] = "true",
        ["Purge:IntervalSeconds"] = "1",
        ["Smtp:DeliveryEnabled"] = "true",
        ["Smtp:DeliveryIntervalSeconds"] = "1",
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldDeliverTheOutbox_WhenTheDeliveryJobRuns()
    {
        using var client = _app.CreateClient();
        var shared = await client.ShareAsync("delivered by the job", ("recipient", "fred@example.org"));

        var delivered = await EventuallyAsync(() => Task.FromResult(
            Directory.Exists(_app.MailFolder) && Directory.GetFiles(_app.MailFolder, "*.eml").Length == 1));

        Assert.That(delivered, Is.True, "the delivery job wrote no email");
        var metadata = await (await client.PostAsync($"/api/v1/private/{shared["metadata_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(metadata["email_status"]!.GetValue<string>(), Is.EqualTo("written"), "no mail server: written, not sent");
    }

    [Test]
    public async Task ShouldEraseExpiredValues_WhenThePurgeJobRuns()
    {
        using var client = _app.CreateClient();
        var shared = await client.ShareAsync("purged by the job", ("ttl", "60"));
        var metadataKey = shared["metadata_key"]!.GetValue<string>();
        _app.Clock.Advance(TimeSpan.FromSeconds(61));

        var purged = await EventuallyAsync(async () =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var hash = scope.ServiceProvider.GetRequiredService<Application.Common.Interfaces.IKeyHasher>().Hash(metadataKey);
            var row = await db.Secrets.AsNoTracking().SingleAsync(s => s.MetadataKeyHash == hash);
            return row.State == SecretState.Expired && row.Ciphertext is null;
        });

        Assert.That(purged, Is.True, "the purge job did not erase the expired value");
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
