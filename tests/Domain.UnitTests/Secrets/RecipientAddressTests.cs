using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Domain.UnitTests.Secrets;

public sealed class RecipientAddressTests
{
    [Test]
    public void ShouldKeepTwoCharactersOfEachPart_WhenAddressIsOrdinary()
    {
        Assert.That(RecipientAddress.Obfuscate("fred@example.org"), Is.EqualTo("fr***@ex***.org"));
    }

    [TestCase("a@b.co", "a***@b***.co")]
    [TestCase("ab@cd.io", "a***@c***.io")]
    [TestCase("abc@cde.io", "ab***@cd***.io")]
    public void ShouldRevealAtMostHalf_WhenPartsAreShort(string address, string expected)
    {
        Assert.That(RecipientAddress.Obfuscate(address), Is.EqualTo(expected));
    }

    [Test]
    public void ShouldKeepOnlyLastLabel_WhenDomainHasSubdomains()
    {
        Assert.That(RecipientAddress.Obfuscate("fred@mail.example.co.uk"), Is.EqualTo("fr***@ma***.uk"));
    }

    [Test]
    public void ShouldMaskHost_WhenDomainHasNoDot()
    {
        Assert.That(RecipientAddress.Obfuscate("fred@localhost"), Is.EqualTo("fr***@lo***"));
    }

    [TestCase("no-at-sign")]
    [TestCase("@example.org")]
    [TestCase("fred@")]
    public void ShouldMaskEverything_WhenAddressHasNoLocalPartOrDomain(string address)
    {
        Assert.That(RecipientAddress.Obfuscate(address), Is.EqualTo("***"));
    }

    [Test]
    public void ShouldNotContainLocalPartOrHost_WhenObfuscated()
    {
        var obfuscated = RecipientAddress.Obfuscate("jonathan.smith@verysecretcompany.com");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(obfuscated, Does.Not.Contain("jonathan"));
            Assert.That(obfuscated, Does.Not.Contain("verysecret"));
            Assert.That(obfuscated, Is.EqualTo("jo***@ve***.com"));
        }
    }

    [TestCase("")]
    [TestCase("   ")]
    public void ShouldThrow_WhenAddressIsBlank(string address)
    {
        Assert.That(() => RecipientAddress.Obfuscate(address), Throws.ArgumentException);
    }

    [Test]
    public void ShouldThrow_WhenAddressIsNull()
    {
        Assert.That(() => RecipientAddress.Obfuscate(null!), Throws.ArgumentNullException);
    }
}
