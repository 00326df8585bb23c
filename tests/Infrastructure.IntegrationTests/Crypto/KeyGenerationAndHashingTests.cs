using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Infrastructure.Crypto;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Crypto;

public sealed class KeyGenerationAndHashingTests
{
    private readonly RandomKeyGenerator _generator = new();

    [Test]
    public void ShouldMakeDistinctBase36Keys_WhenKeysAreGenerated()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => _generator.NewKey()).ToList();

        Assert.That(keys, Is.All.Match("^[0-9a-z]{31}$"));
        Assert.That(keys.Distinct().Count(), Is.EqualTo(1000));
        Assert.That(_generator.NewApiToken(), Does.Match("^[0-9a-z]{40}$"));
    }

    [Test]
    public void ShouldUseEveryAlphabetCharacter_WhenManyKeysAreGenerated()
    {
        var seen = string.Concat(Enumerable.Range(0, 200).Select(_ => _generator.NewKey())).Distinct().Count();

        Assert.That(seen, Is.EqualTo(36));
    }

    [Test]
    public void ShouldMixCasesAndDigitsWithoutLookAlikes_WhenPasswordsAreGenerated()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = _generator.NewPassword(new PasswordRecipe(12, PasswordCharacterSets.Default));
            Assert.That(password, Does.Match("^[A-HJ-NP-Za-km-z2-9]{12}$"));
            Assert.That(password, Does.Match("[A-Z]").And.Match("[a-z]").And.Match("[0-9]"));
        }
    }

    [Test]
    public void ShouldHoldEveryChosenSetAndNothingElse_WhenTheRecipeChoosesSets()
    {
        var symbolsAndDigits = new PasswordCharacterSets(Uppercase: false, Lowercase: false, Numbers: true, Symbols: true, ExcludeAmbiguous: false);
        for (var i = 0; i < 200; i++)
        {
            var password = _generator.NewPassword(new PasswordRecipe(4, symbolsAndDigits));
            Assert.That(password, Does.Match("^[0-9!#$%&*+=?@^_-]{4}$"));
            Assert.That(password, Does.Match("[0-9]").And.Match("[^0-9]"));
        }

        var seen = string.Concat(Enumerable.Range(0, 300).Select(_ => _generator.NewPassword(new PasswordRecipe(128, symbolsAndDigits)))).Distinct().Count();
        Assert.That(seen, Is.EqualTo(10 + 13), "every digit, look-alikes included, and every symbol");
    }

    [Test]
    public void ShouldRefuseARecipe_WhenItChoosesNoSetOrIsShorterThanItsSets()
    {
        var none = new PasswordCharacterSets(false, false, false, false, true);
        var all = new PasswordCharacterSets(true, true, true, true, true);

        Assert.Throws<ArgumentException>(() => _generator.NewPassword(new PasswordRecipe(12, none)));
        Assert.Throws<ArgumentException>(() => _generator.NewPassword(new PasswordRecipe(3, all)));
    }

    [Test]
    public void ShouldHashKeysDeterministically_AndCompareInConstantTime()
    {
        var hasher = new Sha256KeyHasher();

        var first = hasher.Hash("abc");

        Assert.That(first, Has.Length.EqualTo(32));
        Assert.That(hasher.HashesEqual(first, hasher.Hash("abc")), Is.True);
        Assert.That(hasher.HashesEqual(first, hasher.Hash("abd")), Is.False);
    }

    [Test]
    public void ShouldTellPassphrasesApartBeyond72Bytes_WhenBcryptIsUsed()
    {
        var hasher = new BCryptPassphraseHasher(Options.Create(new EncryptionOptions { BcryptWorkFactor = 10 }));
        var prefix = new string('x', 80);

        var hash = hasher.Hash(prefix + "-one");

        Assert.That(hasher.Verify(prefix + "-one", hash), Is.True);
        Assert.That(hasher.Verify(prefix + "-two", hash), Is.False);
        Assert.That(hash, Does.StartWith("$2").And.Contain("$10$"));
    }

    [Test]
    public void ShouldAnswerFalse_WhenTheStoredHashIsNotBcrypt()
    {
        var hasher = new BCryptPassphraseHasher(Options.Create(new EncryptionOptions { BcryptWorkFactor = 10 }));

        Assert.That(hasher.Verify("anything", "not-a-hash"), Is.False);
    }
}
