using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.UnitTests.Secrets.Commands.BurnSecret;

public sealed class BurnSecretTests : HandlerTestBase
{
    [TestCase("")]
    [TestCase(TestClient)]
    public void ShouldNeedAClient_LikeTheReveal(string clientId)
    {
        var result = new BurnSecretCommandValidator().Validate(new BurnSecretCommand("abcdefghijklmnopqrstuvwxyz01234", null, clientId));

        Assert.That(result.IsValid, Is.EqualTo(clientId.Length > 0));
    }

    [Test]
    public async Task ShouldMarkBurnedAndEraseValue_WhenSecretIsUnread()
    {
        var created = await ShareAsync(passphrase: "pass");
        Clock.Advance(TimeSpan.FromMinutes(3));

        var burned = await BurnAsync(created.MetadataKey, "pass");

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(burned.Metadata.State, Is.EqualTo(SecretState.Burned));
            Assert.That(burned.Metadata.MetadataKey, Is.EqualTo(created.MetadataKey));
            Assert.That(burned.SecretShortKey, Is.EqualTo(created.SecretKey[..8]));
            Assert.That(row.State, Is.EqualTo(SecretState.Burned));
            Assert.That(row.Ciphertext, Is.Null);
            Assert.That(row.PassphraseHash, Is.Null);
            Assert.That(row.BurnedAt, Is.EqualTo(Start.AddMinutes(3)));
            Assert.That(row.UpdatedAt, Is.EqualTo(Start.AddMinutes(3)));
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("wrong")]
    public async Task ShouldThrowMetadataNotFoundAndKeepTheSecret_WhenThePassphraseIsMissingOrWrong(string? passphrase)
    {
        var created = await ShareAsync("guarded", passphrase: "pass");

        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(created.MetadataKey, passphrase));

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.State, Is.EqualTo(SecretState.New));
            Assert.That(row.FailedPassphraseAttempts, Is.EqualTo(passphrase == "wrong" ? 1 : 0));
            Assert.That((await RevealAsync(created.SecretKey, "pass")).Value, Is.EqualTo("guarded"));
        }
    }

    [Test]
    public async Task ShouldDestroyTheSecret_WhenWrongBurnPassphrasesReachTheLimit()
    {
        SecretSettings.MaxPassphraseAttempts = 2;
        var created = await ShareAsync("guarded", passphrase: "pass");

        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(created.MetadataKey, "wrong"));
        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey, "wrong again"));

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.State, Is.EqualTo(SecretState.Burned));
            Assert.That(row.DestroyedByFailedPassphrases, Is.True);
        }
    }

    [Test]
    public async Task ShouldBurn_WhenMetadataWasViewed()
    {
        var created = await ShareAsync();
        await ViewAsync(created.MetadataKey);

        var burned = await BurnAsync(created.MetadataKey);

        Assert.That(burned.Metadata.State, Is.EqualTo(SecretState.Burned));
    }

    [Test]
    public async Task ShouldThrowMetadataNotFound_WhenBurnedTwice()
    {
        var created = await ShareAsync();
        await BurnAsync(created.MetadataKey);

        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(created.MetadataKey));
    }

    [Test]
    public async Task ShouldMakeRevealFail_WhenSecretWasBurned()
    {
        var created = await ShareAsync();
        await BurnAsync(created.MetadataKey);

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));
    }

    [Test]
    public async Task ShouldThrowMetadataNotFoundAndKeepReceived_WhenSecretWasRevealed()
    {
        var created = await ShareAsync();
        await RevealAsync(created.SecretKey);

        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(created.MetadataKey));

        Assert.That((await LoadSecretAsync(created.MetadataKey)).State, Is.EqualTo(SecretState.Received));
    }

    [Test]
    public async Task ShouldThrowMetadataNotFound_WhenSecretHasExpired()
    {
        var created = await ShareAsync(ttlSeconds: 3_600);
        Clock.Advance(TimeSpan.FromSeconds(3_600));

        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(created.MetadataKey));

        Assert.That((await LoadSecretAsync(created.MetadataKey)).State, Is.EqualTo(SecretState.New));
    }

    [Test]
    public async Task ShouldThrowMetadataNotFound_WhenSecretKeyIsUsedAsMetadataKey()
    {
        var created = await ShareAsync();

        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(created.SecretKey));

        Assert.That((await RevealAsync(created.SecretKey)).Value, Is.EqualTo("my secret value"));
    }

    [TestCase("")]
    [TestCase("not a key")]
    public void ShouldThrowMetadataNotFound_WhenKeyIsMalformed(string key)
    {
        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(key));
    }

    [Test]
    public async Task ShouldIncrementSecretsBurned_WhenOwnerIsCustomer()
    {
        var requester = await AddCustomerAsync("fred@example.org");
        var created = await ShareAsync(requester: requester);
        await ShareAsync(requester: requester);

        await BurnAsync(created.MetadataKey);

        var customer = await LoadCustomerAsync("fred@example.org");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.SecretsBurned, Is.EqualTo(1));
            Assert.That(customer.SecretsCreated, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task ShouldNotCountBurn_WhenBurnFails()
    {
        var requester = await AddCustomerAsync("fred@example.org");
        var created = await ShareAsync(requester: requester);
        await BurnAsync(created.MetadataKey);

        Assert.ThrowsAsync<MetadataNotFoundException>(() => BurnAsync(created.MetadataKey));

        Assert.That((await LoadCustomerAsync("fred@example.org")).SecretsBurned, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldThrowMetadataNotFoundAndCountNothing_WhenRevealWinsTheRace()
    {
        var requester = await AddCustomerAsync("fred@example.org");
        var created = await ShareAsync("read first", requester: requester);
        string? revealed = null;
        var race = new BeforeFirstUpdateInterceptor(async () => revealed = (await RevealAsync(created.SecretKey)).Value);
        var burn = NewBurnHandler(Database.NewContext(race));

        Assert.ThrowsAsync<MetadataNotFoundException>(
            async () => await burn.Handle(new BurnSecretCommand(created.MetadataKey, null, TestClient), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(race.HasRun, Is.True);
            Assert.That(revealed, Is.EqualTo("read first"));
            Assert.That((await LoadSecretAsync(created.MetadataKey)).State, Is.EqualTo(SecretState.Received));
            Assert.That((await LoadCustomerAsync("fred@example.org")).SecretsBurned, Is.Zero);
        }
    }
}
