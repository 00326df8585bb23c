using OneTimeSecret.Application.Notifications.Common;

namespace OneTimeSecret.Application.UnitTests.Notifications;

public sealed class SecretLinkEmailTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Link = "https://secrets.example.com/secret/abc123";

    [Test]
    public void ShouldNameSomeone_WhenTheSenderIsAnonymous()
    {
        var email = SecretLinkEmail.Compose("fred@example.org", "anon", "Onetime Secret", Link, Now.AddDays(7), false, Now);

        Assert.That(email.Subject, Is.EqualTo("Someone shared a secret with you"));
        Assert.That(email.TextBody, Does.Contain("Someone shared a secret with you on Onetime Secret."));
        Assert.That(email.To, Is.EqualTo("fred@example.org"));
    }

    [Test]
    public void ShouldNameTheAccount_WhenTheSenderHasOne()
    {
        var email = SecretLinkEmail.Compose("fred@example.org", "barney@example.com", "Onetime Secret", Link, Now.AddDays(7), false, Now);

        Assert.That(email.Subject, Is.EqualTo("barney@example.com shared a secret with you"));
        Assert.That(email.HtmlBody, Does.Contain("barney@example.com shared a secret"));
    }

    [Test]
    public void ShouldTellTheLinkTheExpiryAndTheOneView_InBothParts()
    {
        var email = SecretLinkEmail.Compose("fred@example.org", "anon", "Onetime Secret", Link, Now.AddHours(5), false, Now);

        foreach (var body in new[] { email.TextBody, email.HtmlBody })
        {
            Assert.That(body, Does.Contain(Link));
            Assert.That(body, Does.Contain("2026-05-01 13:00 UTC (in 5 hours)"));
            Assert.That(body, Does.Contain("viewed only once"));
            Assert.That(body, Does.Not.Contain("passphrase"));
        }
    }

    [Test]
    public void ShouldMentionThePassphrase_WhenOneIsRequired()
    {
        var email = SecretLinkEmail.Compose("fred@example.org", "anon", "Onetime Secret", Link, Now.AddDays(1), true, Now);

        Assert.That(email.TextBody, Does.Contain("You will also need a passphrase"));
        Assert.That(email.HtmlBody, Does.Contain("You will also need a passphrase"));
    }

    [Test]
    public void ShouldEscapeEverythingInTheHtmlPart_WhenNamesHoldMarkup()
    {
        var email = SecretLinkEmail.Compose(
            "fred@example.org",
            "<b>mallory</b>",
            "Site \"<script>alert(1)</script>\" & Co",
            "https://secrets.example.com/secret/abc?x=\"><img src=x>",
            Now.AddDays(1),
            false,
            Now);

        Assert.That(email.HtmlBody, Does.Not.Contain("<script>"));
        Assert.That(email.HtmlBody, Does.Not.Contain("<b>"));
        Assert.That(email.HtmlBody, Does.Not.Contain("<img"));
        Assert.That(email.HtmlBody, Does.Contain("&lt;script&gt;"));
        Assert.That(email.HtmlBody, Does.Contain("href=\"https://secrets.example.com/secret/abc?x=&quot;&gt;&lt;img src=x&gt;\""));
        Assert.That(email.TextBody, Does.Contain("Site \"<script>alert(1)</script>\" & Co"), "the plain text part shows text as it is");
    }

    [TestCase(7 * 24 * 3600, "7 days")]
    [TestCase(24 * 3600, "1 day")]
    [TestCase(2 * 3600 + 59, "2 hours")]
    [TestCase(3600, "1 hour")]
    [TestCase(59 * 60, "59 minutes")]
    [TestCase(60, "1 minute")]
    [TestCase(59, "less than a minute")]
    public void ShouldDescribeTheRemainingTimeInWords(int seconds, string expected) =>
        Assert.That(SecretLinkEmail.Describe(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));

    [Test]
    public void ShouldKeepTheAddressOutOfToString_WhenTheMessageIsLogged()
    {
        var email = SecretLinkEmail.Compose("fred@example.org", "anon", "Onetime Secret", Link, Now.AddDays(1), false, Now);

        Assert.That(email.ToString(), Does.Not.Contain("fred"));
        Assert.That(email.ToString(), Does.Not.Contain(Link));
    }
}
