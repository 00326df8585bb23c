using Microsoft.Extensions.Options;
using Moq;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Application.UnitTests.Secrets.Commands.RevealSecret;

public sealed class RevealSecretTests : HandlerTestBase
{
    [Test]
    public async Task ShouldReturnValue_WhenKeyIsValid()
    {
        var created = await ShareAsync("the value", shareDomain: "example.com");

        var revealed = await RevealAsync(created.SecretKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(revealed.Value, Is.EqualTo("the value"));
            Assert.That(revealed.SecretKey, Is.EqualTo(created.SecretKey));
            Assert.That(revealed.ShareDomain, Is.EqualTo("example.com"));
        }
    }

    [Test]
    public async Task ShouldThrowSecretNotFound_WhenRevealedSecondTime()
    {
        var created = await ShareAsync("the value");
        await RevealAsync(created.SecretKey);

        var exception = Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));

        Assert.That(exception!.SecretKey, Is.EqualTo(created.SecretKey));
    }

    [Test]
    public async Task ShouldEraseValueAndMarkReceived_WhenRevealed()
    {
        var created = await ShareAsync("the value", passphrase: "pass");
        Clock.Advance(TimeSpan.FromMinutes(5));

        await RevealAsync(created.SecretKey, "pass");

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.Ciphertext, Is.Null);
            Assert.That(row.PassphraseHash, Is.Null);
            Assert.That(row.State, Is.EqualTo(SecretState.Received));
            Assert.That(row.ReceivedAt, Is.EqualTo(Start.AddMinutes(5)));
            Assert.That(row.UpdatedAt, Is.EqualTo(Start.AddMinutes(5)));
        }
    }

    [Test]
    public async Task ShouldReturnValue_WhenPassphraseIsCorrect()
    {
        var created = await ShareAsync("guarded", passphrase: "open sesame");

        var revealed = await RevealAsync(created.SecretKey, "open sesame");

        Assert.That(revealed.Value, Is.EqualTo("guarded"));
    }

    [TestCase("wrong", TestName = "ShouldThrowSecretNotFoundAndKeepSecret_WhenPassphraseIsWrong")]
    [TestCase("Open Sesame", TestName = "ShouldThrowSecretNotFoundAndKeepSecret_WhenPassphraseDiffersInCase")]
    [TestCase("", TestName = "ShouldThrowSecretNotFoundAndKeepSecret_WhenPassphraseIsEmpty")]
    [TestCase(null, TestName = "ShouldThrowSecretNotFoundAndKeepSecret_WhenPassphraseIsMissing")]
    public async Task ShouldThrowSecretNotFoundAndKeepSecret_WhenPassphraseIsNotTheRightOne(string? attempt)
    {
        var created = await ShareAsync("guarded", passphrase: "open sesame");

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey, attempt));

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.Ciphertext, Is.Not.Null, "a failed attempt does not consume the secret");
            Assert.That(row.State, Is.EqualTo(SecretState.New));
            Assert.That((await RevealAsync(created.SecretKey, "open sesame")).Value, Is.EqualTo("guarded"));
        }
    }

    [Test]
    public async Task ShouldRevealWithoutCheckingPassphrase_WhenSecretHasNone()
    {
        var created = await ShareAsync("open");
        var hasher = new Mock<IPassphraseHasher>(MockBehavior.Strict);

        var revealed = await NewRevealHandler(hasher.Object)
            .Handle(new RevealSecretCommand(created.SecretKey, "anything", TestClient), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(revealed.Value, Is.EqualTo("open"));
            hasher.Verify(h => h.Verify(It.IsAny<string>(), It.IsAny<string>()), Times.Never);
        }
    }

    [Test]
    public async Task ShouldNotCheckPassphrase_WhenNoneIsPresentedForAGuardedSecret()
    {
        var created = await ShareAsync("guarded", passphrase: "open sesame");
        var hasher = new Mock<IPassphraseHasher>(MockBehavior.Strict);

        Assert.ThrowsAsync<SecretNotFoundException>(
            async () => await NewRevealHandler(hasher.Object).Handle(new RevealSecretCommand(created.SecretKey, null, TestClient), CancellationToken.None));

        hasher.Verify(h => h.Verify(It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task ShouldThrowSecretNotFound_WhenTtlHasPassed()
    {
        var created = await ShareAsync(ttlSeconds: 3_600);
        Clock.Advance(TimeSpan.FromSeconds(3_600));

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));

        var row = await LoadSecretAsync(created.MetadataKey);
        Assert.That(row.State, Is.EqualTo(SecretState.New), "the purge, not the reveal, erases an expired secret");
    }

    [Test]
    public async Task ShouldReturnValue_WhenOneSecondBeforeExpiry()
    {
        var created = await ShareAsync("still here", ttlSeconds: 3_600);
        Clock.Advance(TimeSpan.FromSeconds(3_599));

        var revealed = await RevealAsync(created.SecretKey);

        Assert.That(revealed.Value, Is.EqualTo("still here"));
    }

    [TestCase("", TestName = "ShouldThrowSecretNotFound_WhenKeyIsEmpty")]
    [TestCase("../../etc/passwd", TestName = "ShouldThrowSecretNotFound_WhenKeyIsAPath")]
    [TestCase("abc", TestName = "ShouldThrowSecretNotFound_WhenKeyIsTooShort")]
    [TestCase("0123456789abcdefghijklmnopqrst\0", TestName = "ShouldThrowSecretNotFound_WhenKeyHasNul")]
    public void ShouldThrowSecretNotFound_WhenKeyIsMalformed(string key)
    {
        var exception = Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(key));

        Assert.That(exception!.SecretKey, Is.EqualTo(key));
    }

    [Test]
    public void ShouldThrowSecretNotFoundWithoutHashing_WhenKeyIsTenThousandCharacters()
    {
        var hasher = new Mock<IKeyHasher>(MockBehavior.Strict);
        var db = Database.NewContext();
        var handler = new RevealSecretCommandHandler(db, new SecretClaims(db, Options.Create(SecretSettings)), Cipher, hasher.Object, PassphraseHasher, AttemptLimiter.Object, Clock);

        Assert.ThrowsAsync<SecretNotFoundException>(
            async () => await handler.Handle(new RevealSecretCommand(new string('a', 10_000), null, TestClient), CancellationToken.None));

        hasher.Verify(h => h.Hash(It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task ShouldThrowSecretNotFound_WhenKeyIsUpperCaseOfARealKey()
    {
        var created = await ShareAsync();

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey.ToUpperInvariant()));

        Assert.That((await LoadSecretAsync(created.MetadataKey)).Ciphertext, Is.Not.Null);
    }

    [Test]
    public void ShouldThrowSecretNotFound_WhenKeyIsUnknown()
    {
        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(KeyGenerator.NewKey()));
    }

    [Test]
    public async Task ShouldThrowSecretNotFound_WhenMetadataKeyIsUsedAsSecretKey()
    {
        var created = await ShareAsync();

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.MetadataKey));

        Assert.That((await LoadSecretAsync(created.MetadataKey)).Ciphertext, Is.Not.Null);
    }

    [Test]
    public async Task ShouldThrowSecretNotFound_WhenSecretWasBurned()
    {
        var created = await ShareAsync();
        await BurnAsync(created.MetadataKey);

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));
    }

    [Test]
    public async Task ShouldReturnValue_WhenCreatorViewedMetadataFirst()
    {
        var created = await ShareAsync("seen by creator");
        await ViewAsync(created.MetadataKey);

        var revealed = await RevealAsync(created.SecretKey);

        Assert.That(revealed.Value, Is.EqualTo("seen by creator"));
    }

    [Test]
    public async Task ShouldRevealOnlyItsOwnSecret_WhenSeveralAreStored()
    {
        var first = await ShareAsync("first");
        var second = await ShareAsync("second");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await RevealAsync(second.SecretKey)).Value, Is.EqualTo("second"));
            Assert.That((await RevealAsync(first.SecretKey)).Value, Is.EqualTo("first"));
        }
    }

    [Test]
    public async Task ShouldGiveValueToExactlyOneCaller_WhenTwoRevealsRace()
    {
        var created = await ShareAsync("only once");
        RevealedSecret? winner = null;
        var race = new BeforeFirstUpdateInterceptor(async () => winner = await RevealAsync(created.SecretKey));
        var loser = NewRevealHandler(Database.NewContext(race));

        Assert.ThrowsAsync<SecretNotFoundException>(
            async () => await loser.Handle(new RevealSecretCommand(created.SecretKey, null, TestClient), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(race.HasRun, Is.True, "the other reveal must have run between the read and the claim");
            Assert.That(winner?.Value, Is.EqualTo("only once"));
        }
    }

    [Test]
    public async Task ShouldDestroyTheSecretAndSaySo_WhenTheMaximumOfWrongPassphrasesIsReached()
    {
        SecretSettings.MaxPassphraseAttempts = 3;
        var created = await ShareAsync("guarded", passphrase: "right");

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey, $"wrong {attempt}"));
        }

        var stillThere = await ViewAsync(created.MetadataKey);
        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey, "wrong 3"));
        var destroyed = await ViewAsync(created.MetadataKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stillThere.State, Is.EqualTo(SecretState.New), "the first look answers the state before it");
            Assert.That(destroyed.State, Is.EqualTo(SecretState.Burned));
            Assert.That(destroyed.DestroyedByFailedPassphrases, Is.True);
        }

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey, "right"));
    }

    [Test]
    public async Task ShouldNotCountAMissingPassphrase_AsAWrongOne()
    {
        SecretSettings.MaxPassphraseAttempts = 1;
        var created = await ShareAsync("guarded", passphrase: "right");

        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey));
        var revealed = await RevealAsync(created.SecretKey, "right");

        Assert.That(revealed.Value, Is.EqualTo("guarded"));
    }

    [Test]
    public async Task ShouldRefuseWithoutCheckingThePassphrase_WhenTheClientsBudgetIsSpent()
    {
        var created = await ShareAsync("guarded", passphrase: "right");
        var wait = TimeSpan.FromSeconds(42);
        AttemptLimiter.Setup(l => l.TryAcquire("address:192.0.2.7", out wait)).Returns(false);
        var hasher = new Mock<IPassphraseHasher>(MockBehavior.Strict);
        var handler = NewRevealHandler(hasher.Object);

        var refused = Assert.ThrowsAsync<RateLimitedException>(async () =>
            await handler.Handle(new RevealSecretCommand(created.SecretKey, "right", "address:192.0.2.7"), CancellationToken.None));

        Assert.That(refused!.RetryAfter, Is.EqualTo(wait));
        hasher.Verify(h => h.Verify(It.IsAny<string>(), It.IsAny<string>()), Times.Never);
        Assert.That((await RevealAsync(created.SecretKey, "right")).Value, Is.EqualTo("guarded"));
    }

    [Test]
    public async Task ShouldNotSpendThePassphraseBudget_WhenTheSecretHasNoPassphrase()
    {
        var created = await ShareAsync("open");

        await RevealAsync(created.SecretKey);

        var any = TimeSpan.Zero;
        AttemptLimiter.Verify(l => l.TryAcquire(It.IsAny<string>(), out any), Times.Never);
    }
}
