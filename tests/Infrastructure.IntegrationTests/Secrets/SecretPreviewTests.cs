using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Queries.GetSecretPreview;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Secrets;

/// <summary>The recipient page's read-only question: can this key be revealed, and does it need a passphrase?</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class SecretPreviewTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private Task<SecretPreview> PreviewAsync(string key) =>
        HandleAsync<GetSecretPreviewQueryHandler, SecretPreview>(h => h.Handle(new GetSecretPreviewQuery(key), CancellationToken.None));

    private async Task<(SecretState State, DateTimeOffset Updated)> StoredAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var secret = await db.Secrets.AsNoTracking().SingleAsync();
        return (secret.State, secret.UpdatedAt);
    }

    [Test]
    public async Task ShouldTellWhetherAPassphraseIsNeeded_WithoutChangingAnything()
    {
        var created = await ShareAsync("plain");
        var before = await StoredAsync();

        var first = await PreviewAsync(created.SecretKey);
        var second = await PreviewAsync(created.SecretKey);

        Assert.That(first.PassphraseRequired, Is.False);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(await StoredAsync(), Is.EqualTo(before));
        var revealed = await HandleAsync<RevealSecretCommandHandler, RevealedSecret>(h => h.Handle(new RevealSecretCommand(created.SecretKey, null, TestClient), CancellationToken.None));
        Assert.That(revealed.Value, Is.EqualTo("plain"));
    }

    [Test]
    public async Task ShouldSayAPassphraseIsNeeded_WhenOneWasGiven()
    {
        var created = await ShareAsync("guarded", passphrase: "pw");

        var preview = await PreviewAsync(created.SecretKey);

        Assert.That(preview.PassphraseRequired, Is.True);
    }

    [Test]
    public async Task ShouldAnswerNotFound_WhenTheSecretWasReceived()
    {
        var created = await ShareAsync("once");
        await HandleAsync<RevealSecretCommandHandler, RevealedSecret>(h => h.Handle(new RevealSecretCommand(created.SecretKey, null, TestClient), CancellationToken.None));

        Assert.ThrowsAsync<SecretNotFoundException>(() => PreviewAsync(created.SecretKey));
    }

    [Test]
    public async Task ShouldAnswerNotFound_WhenTheSecretWasBurned()
    {
        var created = await ShareAsync("burn");
        await HandleAsync<BurnSecretCommandHandler, BurnedSecret>(h => h.Handle(new BurnSecretCommand(created.MetadataKey, null, TestClient), CancellationToken.None));

        Assert.ThrowsAsync<SecretNotFoundException>(() => PreviewAsync(created.SecretKey));
    }

    [Test]
    public async Task ShouldAnswerNotFound_AsSoonAsTheSecretExpires()
    {
        var created = await ShareAsync("brief", ttl: 300);

        Clock.Advance(TimeSpan.FromSeconds(300));

        Assert.ThrowsAsync<SecretNotFoundException>(() => PreviewAsync(created.SecretKey));
    }

    [TestCase("0123456789abcdefghijklmnopqrstu")]
    [TestCase("short")]
    [TestCase("")]
    public void ShouldAnswerNotFound_WhenTheKeyIsUnknownOrMalformed(string key)
    {
        var exception = Assert.ThrowsAsync<SecretNotFoundException>(() => PreviewAsync(key));

        Assert.That(exception!.SecretKey, Is.EqualTo(key));
    }

    [Test]
    public async Task ShouldNotAnswerForTheMetadataKey()
    {
        var created = await ShareAsync("two keys");

        Assert.ThrowsAsync<SecretNotFoundException>(() => PreviewAsync(created.MetadataKey));
    }
}
