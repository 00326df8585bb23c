using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Domain.UnitTests.Secrets;

public sealed class RecipientAddressTests
{
    [Test]
    [TestCase("foo@example.com", "fo*****@e*****.com")]
    [TestCase("fred@example.org", "fr*****@e*****.org")]
    public void ShouldFollowTheLiveFormat_WhenAddressIsOrdinary(string address, string expected)
    {
        Assert.That(RecipientAddress.Obfuscate(address), Is.EqualTo(expected));
    }

    [TestCase("a@b.co", "*****@*****.co")]
    [TestCase("ab@cd.io", "a*****@c*****.io")]
    [TestCase("abc@cde.io", "ab*****@c*****.io")]
    [TestCase("fred@example.museum", "fr*****@e*****.m*****")]
    [TestCase("fred@example.verysecretcompany", "fr*****@e*****.v*****")]
    public void ShouldNeverShowAPartWhole_WhereTheLivePatternWouldLeaveTheAddressInTheClear(string address, string expected)
    {
        Assert.That(RecipientAddress.Obfuscate(address), Is.EqualTo(expected));
    }

    [Test]
    public void ShouldKeepOnlyLastLabel_WhenDomainHasSubdomains()
    {
        Assert.That(RecipientAddress.Obfuscate("fred@mail.example.co.uk"), Is.EqualTo("fr*****@m*****.uk"));
    }

    [Test]
    public void ShouldMaskHost_WhenDomainHasNoDot()
    {
        Assert.That(RecipientAddress.Obfuscate("fred@localhost"), Is.EqualTo("fr*****@l*****"));
    }

    [TestCase("no-at-sign")]
    [TestCase("@example.org")]
    [TestCase("fred@")]
    public void ShouldMaskEverything_WhenAddressHasNoLocalPartOrDomain(string address)
    {
        Assert.That(RecipientAddress.Obfuscate(address), Is.EqualTo("*****"));
    }

    [Test]
    public void ShouldNotContainLocalPartOrHost_WhenObfuscated()
    {
        var obfuscated = RecipientAddress.Obfuscate("jonathan.smith@verysecretcompany.com");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(obfuscated, Does.Not.Contain("jonathan"));
            Assert.That(obfuscated, Does.Not.Contain("verysecret"));
            Assert.That(obfuscated, Is.EqualTo("jo*****@v*****.com"));
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
