using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Application.Secrets.Queries.GetRecentMetadata;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.UnitTests.Secrets.Queries.GetRecentMetadata;

public sealed class GetRecentMetadataTests : HandlerTestBase
{
    [Test]
    public void ShouldThrowNotAuthorized_WhenRequesterIsAnonymous()
    {
        Assert.ThrowsAsync<NotAuthorizedException>(() => RecentAsync(Requester.Anonymous));
    }

    [Test]
    public async Task ShouldListOnlyTheCustomersSecretsNewestFirst_WhenOthersExist()
    {
        var fred = await AddCustomerAsync("fred@example.org");
        var alice = await AddCustomerAsync("alice@example.org");
        var older = await ShareAsync(requester: fred);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await ShareAsync(requester: alice);
        await ShareAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await ShareAsync(requester: fred);

        var recent = await RecentAsync(fred);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(recent.Select(m => m.MetadataKey), Is.EqualTo(new List<string> { newer.MetadataKey, older.MetadataKey }));
            Assert.That(recent.Select(m => m.CustId), Is.All.EqualTo("fred@example.org"));
        }
    }

    [Test]
    public async Task ShouldListEntriesWithoutAMetadataKey_WhenMetadataKeysAreNotStoredRecoverably()
    {
        SecretSettings.RecoverableMetadataKeys = false;
        var fred = await AddCustomerAsync("fred@example.org");
        var created = await ShareAsync(requester: fred);

        var recent = await RecentAsync(fred);
        var row = await LoadSecretAsync(created.MetadataKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.EncryptedMetadataKey, Is.Null, "nothing in the row leads back to the metadata key");
            Assert.That(row.CustomerId, Is.EqualTo(fred.CustomerId));
            Assert.That(created.Metadata.MetadataKey, Is.EqualTo(created.MetadataKey), "the creator gets the key once, at creation");
            Assert.That(recent, Has.Count.EqualTo(1));
            Assert.That(recent[0].MetadataKey, Is.Empty);
            Assert.That(recent[0].State, Is.EqualTo(Domain.Secrets.SecretState.New));
            Assert.That(recent[0].Created, Is.EqualTo(created.Metadata.Created));
        }
    }

    [Test]
    public async Task ShouldNeverShowSecretKeys_WhenListing()
    {
        var fred = await AddCustomerAsync("fred@example.org");
        await ShareAsync(requester: fred);
        await ShareAsync(requester: fred);

        var recent = await RecentAsync(fred);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(recent, Has.Count.EqualTo(2));
            Assert.That(recent.Select(m => m.SecretKey), Is.All.Null);
        }
    }

    [Test]
    public async Task ShouldShowCurrentStates_WhenSecretsWereViewedRevealedOrBurned()
    {
        var fred = await AddCustomerAsync("fred@example.org");
        var received = await ShareAsync(requester: fred);
        var burned = await ShareAsync(requester: fred);
        var viewed = await ShareAsync(requester: fred);
        await RevealAsync(received.SecretKey);
        await BurnAsync(burned.MetadataKey);
        await ViewAsync(viewed.MetadataKey);

        var states = (await RecentAsync(fred)).ToDictionary(m => m.MetadataKey, m => m.State);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(states[received.MetadataKey], Is.EqualTo(SecretState.Received));
            Assert.That(states[burned.MetadataKey], Is.EqualTo(SecretState.Burned));
            Assert.That(states[viewed.MetadataKey], Is.EqualTo(SecretState.Viewed));
        }
    }

    [Test]
    public async Task ShouldLeaveOutSecretsWhoseMetadataExpired_WhenListing()
    {
        var fred = await AddCustomerAsync("fred@example.org");
        await ShareAsync(requester: fred, ttlSeconds: 3_600);
        var lasting = await ShareAsync(requester: fred, ttlSeconds: 86_400);
        Clock.Advance(TimeSpan.FromSeconds(7_200));

        var recent = await RecentAsync(fred);

        Assert.That(recent.Select(m => m.MetadataKey), Is.EqualTo(new List<string> { lasting.MetadataKey }));
    }

    [Test]
    public async Task ShouldShowExpiredState_WhenSecretExpiredButMetadataLives()
    {
        var fred = await AddCustomerAsync("fred@example.org");
        await ShareAsync(requester: fred, ttlSeconds: 3_600);
        Clock.Advance(TimeSpan.FromSeconds(3_600));

        var recent = await RecentAsync(fred);

        Assert.That(recent.Single().State, Is.EqualTo(SecretState.Expired));
    }

    [Test]
    public async Task ShouldListAtMostTheConfiguredNumber_WhenCustomerHasMore()
    {
        SecretSettings.RecentLimit = 2;
        var fred = await AddCustomerAsync("fred@example.org");
        for (var i = 0; i < 3; i++)
        {
            await ShareAsync(requester: fred);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var recent = await RecentAsync(fred);

        Assert.That(recent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ShouldListNothing_WhenCustomerHasNoSecrets()
    {
        var fred = await AddCustomerAsync("fred@example.org");
        await ShareAsync();

        Assert.That(await RecentAsync(fred), Is.Empty);
    }

    private async Task<IReadOnlyList<MetadataDto>> RecentAsync(Requester requester) =>
        await new GetRecentMetadataQueryHandler(Database.NewContext(), Cipher, Clock, Options.Create(SecretSettings))
            .Handle(new GetRecentMetadataQuery(requester), CancellationToken.None);
}
