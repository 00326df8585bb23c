using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Domain.UnitTests.Secrets;

public sealed class SecretKeyFormatTests
{
    private const string ValidKey = "0123456789abcdefghijklmnopqrstu";

    [Test]
    public void ShouldAccept_WhenKeyIs31CharactersOfBase36()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ValidKey, Has.Length.EqualTo(SecretKeyFormat.Length));
            Assert.That(SecretKeyFormat.IsWellFormed(ValidKey), Is.True);
            Assert.That(SecretKeyFormat.IsWellFormed(new string('z', 31)), Is.True);
            Assert.That(SecretKeyFormat.IsWellFormed(new string('0', 31)), Is.True);
        }
    }

    [Test]
    public void ShouldAcceptEveryCharacterOfTheAlphabet_WhenPlacedInAKey()
    {
        foreach (var c in SecretKeyFormat.Alphabet)
        {
            Assert.That(SecretKeyFormat.IsWellFormed(new string(c, SecretKeyFormat.Length)), Is.True, $"'{c}'");
        }
    }

    [Test]
    public void ShouldReject_WhenKeyIsNull()
    {
        Assert.That(SecretKeyFormat.IsWellFormed(null), Is.False);
    }

    [TestCase("", TestName = "ShouldReject_WhenKeyIsEmpty")]
    [TestCase("0123456789ABCDEFGHIJKLMNOPQRSTU", TestName = "ShouldReject_WhenKeyIsUpperCase")]
    [TestCase("0123456789abcdefghijklmnopqrstU", TestName = "ShouldReject_WhenKeyHasOneUpperCaseLetter")]
    [TestCase("0123456789abcdefghijklmnopqrst/", TestName = "ShouldReject_WhenKeyHasSlash")]
    [TestCase("../../../../../../../etc/passwd", TestName = "ShouldReject_WhenKeyIsPathTraversal")]
    [TestCase("0123456789abcdefghijklmnopqrs..", TestName = "ShouldReject_WhenKeyHasDots")]
    [TestCase("0123456789abcdefghijklmnopqrst\0", TestName = "ShouldReject_WhenKeyHasNul")]
    [TestCase("0123456789abcdefghijklmnopqrst ", TestName = "ShouldReject_WhenKeyHasTrailingSpace")]
    [TestCase("0123456789abcdefghijklmnopqrst-", TestName = "ShouldReject_WhenKeyHasDash")]
    [TestCase("0123456789abcdefghijklmnopqrst\u00e9", TestName = "ShouldReject_WhenKeyHasNonAsciiLetter")]
    [TestCase("0123456789abcdefghijklmnopqrst\u0663", TestName = "ShouldReject_WhenKeyHasNonAsciiDigit")]
    [TestCase("0123456789abcdefghijklmnopqrst", TestName = "ShouldReject_WhenKeyIs30Characters")]
    [TestCase("0123456789abcdefghijklmnopqrstuv", TestName = "ShouldReject_WhenKeyIs32Characters")]
    public void ShouldReject_WhenKeyIsMalformed(string key)
    {
        Assert.That(SecretKeyFormat.IsWellFormed(key), Is.False);
    }

    [Test]
    public void ShouldReject_WhenKeyIsTenThousandCharacters()
    {
        Assert.That(SecretKeyFormat.IsWellFormed(new string('a', 10_000)), Is.False);
    }

    [Test]
    public void ShouldGiveFirstEightCharacters_WhenShorteningAKey()
    {
        var shortKey = SecretKeyFormat.ShortKey(ValidKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(shortKey, Is.EqualTo("01234567"));
            Assert.That(shortKey, Has.Length.EqualTo(SecretKeyFormat.ShortKeyLength));
        }
    }

    [Test]
    public void ShouldGiveKeyUnchanged_WhenShorteningAKeyOfEightOrFewerCharacters()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SecretKeyFormat.ShortKey("abc"), Is.EqualTo("abc"));
            Assert.That(SecretKeyFormat.ShortKey("abcdefgh"), Is.EqualTo("abcdefgh"));
        }
    }

    [Test]
    public void ShouldThrow_WhenShorteningNull()
    {
        Assert.That(() => SecretKeyFormat.ShortKey(null!), Throws.ArgumentNullException);
    }
}
