using System.Collections.Concurrent;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Secrets;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class OneTimeRevealTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private Task<RevealedSecret> RevealAsync(string secretKey, string? passphrase = null) =>
        HandleAsync<RevealSecretCommandHandler, RevealedSecret>(h => h.Handle(new RevealSecretCommand(secretKey, passphrase, TestClient), CancellationToken.None));

    private Task<MetadataDto> ViewAsync(string metadataKey) =>
        HandleAsync<ViewMetadataCommandHandler, MetadataDto>(h => h.Handle(new ViewMetadataCommand(metadataKey), CancellationToken.None));

    private Task<BurnedSecret> BurnAsync(string metadataKey) =>
        HandleAsync<BurnSecretCommandHandler, BurnedSecret>(h => h.Handle(new BurnSecretCommand(metadataKey, null, TestClient), CancellationToken.None));

    [Test]
    public async Task ShouldRevealOnce_WhenRevealedTwice()
    {
        var created = await ShareAsync("correct horse battery staple");

        var first = await RevealAsync(created.SecretKey);

        Assert.That(first.Value, Is.EqualTo("correct horse battery staple"));
        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));
    }

    [Test]
    public async Task ShouldGiveTheValueToExactlyOneCaller_When200RevealsRace()
    {
        var created = await ShareAsync("only once");
        var values = new ConcurrentBag<string>();
        var misses = 0;
        using var start = new ManualResetEventSlim(false);

        var racers = Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                values.Add((await RevealAsync(created.SecretKey)).Value);
            }
            catch (SecretNotFoundException)
            {
                Interlocked.Increment(ref misses);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(racers);

        Assert.That(values, Has.Count.EqualTo(1));
        Assert.That(values.Single(), Is.EqualTo("only once"));
        Assert.That(misses, Is.EqualTo(199));
    }

    [Test]
    public async Task ShouldLetEitherTheBurnOrTheRevealWin_WhenTheyRace()
    {
        for (var round = 0; round < 10; round++)
        {
            var created = await ShareAsync($"race {round}");
            var reveal = Task.Run(() => RevealAsync(created.SecretKey));
            var burn = Task.Run(() => BurnAsync(created.MetadataKey));

            var revealed = await Succeeded(reveal);
            var burned = await Succeeded(burn);

            Assert.That(revealed ^ burned, Is.True, $"round {round}: exactly one of reveal ({revealed}) and burn ({burned}) must succeed");
            var metadata = await ViewAsync(created.MetadataKey);
            Assert.That(metadata.State, Is.EqualTo(revealed ? SecretState.Received : SecretState.Burned));
        }
    }

    [Test]
    public async Task ShouldNotConsumeTheSecret_WhenThePassphraseIsWrongOrMissing()
    {
        var created = await ShareAsync("guarded", passphrase: "open sesame");

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey, "wrong"));
        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));
        var revealed = await RevealAsync(created.SecretKey, "open sesame");

        Assert.That(revealed.Value, Is.EqualTo("guarded"));
    }

    [Test]
    public async Task ShouldTreatTheSecretAsUnknown_AsSoonAsItExpires()
    {
        var created = await ShareAsync("short lived", ttl: 60);

        Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));
        var metadata = await ViewAsync(created.MetadataKey);
        Assert.That(metadata.State, Is.EqualTo(SecretState.Expired));
    }

    [Test]
    public async Task ShouldKeepTheMetadata_AfterTheSecretIsReceived()
    {
        var created = await ShareAsync("for the record", ttl: 3600);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await RevealAsync(created.SecretKey);

        var metadata = await ViewAsync(created.MetadataKey);

        Assert.That(metadata.State, Is.EqualTo(SecretState.Received));
        Assert.That(metadata.SecretKey, Is.Null);
        Assert.That(metadata.Received, Is.EqualTo(TestStart.AddMinutes(5)));
        Assert.That(metadata.MetadataTtl, Is.EqualTo(7200 - 300));
    }

    [Test]
    public async Task ShouldMarkTheMetadataViewed_WhenTheCreatorLooksAtIt()
    {
        var created = await ShareAsync("peek");

        var first = await ViewAsync(created.MetadataKey);
        var metadata = await ViewAsync(created.MetadataKey);

        Assert.That(created.Metadata.State, Is.EqualTo(SecretState.New));
        Assert.That(first.State, Is.EqualTo(SecretState.New), "the first look reports the state before it");
        Assert.That(metadata.State, Is.EqualTo(SecretState.Viewed));
        Assert.That(metadata.SecretKey, Is.EqualTo(created.SecretKey));
        Assert.That((await RevealAsync(created.SecretKey)).Value, Is.EqualTo("peek"));
    }

    [Test]
    public async Task ShouldDestroyTheSecret_WhenBurned()
    {
        var created = await ShareAsync("burn me");

        var burned = await BurnAsync(created.MetadataKey);

        Assert.That(burned.Metadata.State, Is.EqualTo(SecretState.Burned));
        Assert.That(burned.SecretShortKey, Is.EqualTo(created.SecretKey[..8]));
        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));
        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(created.MetadataKey));
    }

    [Test]
    public async Task ShouldForgetTheMetadata_WhenItExpires()
    {
        var created = await ShareAsync("gone later", ttl: 60);

        Clock.Advance(TimeSpan.FromSeconds(120));

        Assert.ThrowsAsync<MetadataNotFoundException>(() => ViewAsync(created.MetadataKey));
    }

    [TestCase("<script>alert(1)</script>")]
    [TestCase("'; DROP TABLE secrets; --")]
    [TestCase("🔑 émoji ✓ 𝄞")]
    [TestCase("שלום עולם مرحبا")]
    [TestCase("line one\r\nline two\ttabbed")]
    public async Task ShouldRoundTripTheValueExactly_WhenItHoldsAnyText(string value)
    {
        var created = await ShareAsync(value, passphrase: "p");

        var revealed = await RevealAsync(created.SecretKey, "p");

        Assert.That(revealed.Value, Is.EqualTo(value));
    }

    private static async Task<bool> Succeeded(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (Exception exception) when (exception is SecretNotFoundException or MetadataNotFoundException)
        {
            return false;
        }
    }
}
