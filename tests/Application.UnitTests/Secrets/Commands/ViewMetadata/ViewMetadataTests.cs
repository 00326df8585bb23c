using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.UnitTests.Secrets.Commands.ViewMetadata;

public sealed class ViewMetadataTests : HandlerTestBase
{
    [Test]
    public async Task ShouldAnswerNewButStoreViewed_WhenViewedFirstTime()
    {
        var created = await ShareAsync();

        var metadata = await ViewAsync(created.MetadataKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Metadata.State, Is.EqualTo(SecretState.New));
            Assert.That(metadata.State, Is.EqualTo(SecretState.New));
            Assert.That((await LoadSecretAsync(created.MetadataKey)).State, Is.EqualTo(SecretState.Viewed));
        }
    }

    [Test]
    public async Task ShouldStayViewed_WhenViewedAgain()
    {
        var created = await ShareAsync();
        await ViewAsync(created.MetadataKey);

        var metadata = await ViewAsync(created.MetadataKey);

        Assert.That(metadata.State, Is.EqualTo(SecretState.Viewed));
    }

    [Test]
    public async Task ShouldShowSecretKeyAndTtls_WhenSecretIsUnread()
    {
        var created = await ShareAsync(ttlSeconds: 3_600, passphrase: "pass");
        Clock.Advance(TimeSpan.FromSeconds(600));

        var metadata = await ViewAsync(created.MetadataKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(metadata.SecretKey, Is.EqualTo(created.SecretKey));
            Assert.That(metadata.MetadataKey, Is.EqualTo(created.MetadataKey));
            Assert.That(metadata.Ttl, Is.EqualTo(3_600));
            Assert.That(metadata.SecretTtl, Is.EqualTo(3_000));
            Assert.That(metadata.MetadataTtl, Is.EqualTo(6_600));
            Assert.That(metadata.Created, Is.EqualTo(Start));
            Assert.That(metadata.Received, Is.Null);
            Assert.That(metadata.PassphraseRequired, Is.True);
        }
    }

    [Test]
    public async Task ShouldShowReceivedWithoutSecretKey_WhenSecretWasRevealed()
    {
        var created = await ShareAsync();
        Clock.Advance(TimeSpan.FromMinutes(10));
        await RevealAsync(created.SecretKey);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var metadata = await ViewAsync(created.MetadataKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(metadata.State, Is.EqualTo(SecretState.Received));
            Assert.That(metadata.SecretKey, Is.Null);
            Assert.That(metadata.Received, Is.EqualTo(Start.AddMinutes(10)));
            Assert.That(metadata.MetadataKey, Is.EqualTo(created.MetadataKey));
        }
    }

    [Test]
    public async Task ShouldShowReceived_WhenRevealedAfterBeingViewed()
    {
        var created = await ShareAsync();
        await ViewAsync(created.MetadataKey);
        await RevealAsync(created.SecretKey);

        var metadata = await ViewAsync(created.MetadataKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(metadata.State, Is.EqualTo(SecretState.Received));
            Assert.That(metadata.SecretKey, Is.Null);
        }
    }

    [Test]
    public async Task ShouldShowBurned_WhenSecretWasBurned()
    {
        var created = await ShareAsync();
        await BurnAsync(created.MetadataKey);

        var metadata = await ViewAsync(created.MetadataKey);

        Assert.That(metadata.State, Is.EqualTo(SecretState.Burned));
    }

    [Test]
    public async Task ShouldShowExpiredWithoutTurningViewed_WhenSecretTtlHasPassed()
    {
        var created = await ShareAsync(ttlSeconds: 3_600);
        Clock.Advance(TimeSpan.FromSeconds(3_601));

        var metadata = await ViewAsync(created.MetadataKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(metadata.State, Is.EqualTo(SecretState.Expired));
            Assert.That(metadata.SecretTtl, Is.Zero);
            Assert.That(metadata.MetadataTtl, Is.EqualTo(3_599));
            Assert.That((await LoadSecretAsync(created.MetadataKey)).State, Is.EqualTo(SecretState.New));
        }
    }

    [Test]
    public async Task ShouldThrowMetadataNotFound_WhenMetadataTtlHasPassed()
    {
        var created = await ShareAsync(ttlSeconds: 3_600);
        Clock.Advance(TimeSpan.FromSeconds(7_200));

        Assert.ThrowsAsync<MetadataNotFoundException>(() => ViewAsync(created.MetadataKey));
    }

    [Test]
    public async Task ShouldThrowMetadataNotFound_WhenSecretKeyIsUsedAsMetadataKey()
    {
        var created = await ShareAsync();

        Assert.ThrowsAsync<MetadataNotFoundException>(() => ViewAsync(created.SecretKey));

        Assert.That((await LoadSecretAsync(created.MetadataKey)).State, Is.EqualTo(SecretState.New));
    }

    [Test]
    public void ShouldThrowMetadataNotFound_WhenKeyIsUnknown()
    {
        Assert.ThrowsAsync<MetadataNotFoundException>(() => ViewAsync(KeyGenerator.NewKey()));
    }

    [TestCase("")]
    [TestCase("../../etc/passwd")]
    [TestCase("0123456789ABCDEFGHIJKLMNOPQRSTU")]
    public void ShouldThrowMetadataNotFound_WhenKeyIsMalformed(string key)
    {
        Assert.ThrowsAsync<MetadataNotFoundException>(() => ViewAsync(key));
    }

    [Test]
    public async Task ShouldNotOverwriteReceived_WhenRevealHappensWhileViewing()
    {
        var created = await ShareAsync();
        var race = new BeforeFirstUpdateInterceptor(async () => await RevealAsync(created.SecretKey));
        var view = new ViewMetadataCommandHandler(Database.NewContext(race), Cipher, KeyHasher, Clock);

        var metadata = await view.Handle(new ViewMetadataCommand(created.MetadataKey), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(race.HasRun, Is.True);
            Assert.That(metadata.State, Is.EqualTo(SecretState.Received));
            Assert.That(metadata.SecretKey, Is.Null);
            Assert.That((await LoadSecretAsync(created.MetadataKey)).State, Is.EqualTo(SecretState.Received));
        }
    }
}
