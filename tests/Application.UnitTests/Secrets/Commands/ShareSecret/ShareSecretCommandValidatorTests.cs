using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;

namespace OneTimeSecret.Application.UnitTests.Secrets.Commands.ShareSecret;

public sealed class ShareSecretCommandValidatorTests
{
    private const string NothingToShare = "You did not provide anything to share";

    private ShareSecretCommandValidator _validator = null!;

    [SetUp]
    public void CreateValidator()
    {
        var options = new SecretOptions { MaxPassphraseLength = 20, ShareDomains = { "secrets.example.com", "Links.Example.NET" } };
        _validator = new ShareSecretCommandValidator(Options.Create(options));
    }

    [Test]
    public void ShouldAccept_WhenEveryFieldIsValid()
    {
        var result = _validator.Validate(Command(
            secret: "a secret \U0001F511",
            passphrase: "pass phrase",
            recipients: ["fred@example.org", "Alice.Smith+ots@mail.example.co.uk"],
            shareDomain: "secrets.example.com"));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" ")]
    [TestCase("\t\r\n ")]
    public void ShouldSayNothingToShareOnly_WhenSecretIsMissingOrBlank(string? secret)
    {
        var result = _validator.Validate(Command(secret: secret));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { NothingToShare }));
    }

    [Test]
    public void ShouldReject_WhenSecretContainsNul()
    {
        var result = _validator.Validate(Command(secret: "before\0after"));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { "Secret must not contain NUL characters" }));
    }

    // Attribute arguments are stored as UTF-8, which cannot hold a lone surrogate: these come from code instead.
    private static readonly string[] LoneSurrogateTexts =
    [
        "lone high \uD800 surrogate",
        "lone low \uDC00 surrogate",
        "ends with high \uD83D",
        "\uDE11 reversed pair \uD83D",
    ];

    [TestCaseSource(nameof(LoneSurrogateTexts))]
    public void ShouldReject_WhenSecretHasLoneSurrogate(string secret)
    {
        var result = _validator.Validate(Command(secret: secret));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { "Secret is not valid text" }));
    }

    [Test]
    public void ShouldAcceptSurrogatePairs_WhenTextIsWellFormed()
    {
        Assert.That(_validator.Validate(Command(secret: "\U0001F511\U0001F600", passphrase: "\U0001F511")).Errors, Is.Empty);
    }

    [Test]
    public void ShouldAccept_WhenPassphraseIsAbsent()
    {
        Assert.That(_validator.Validate(Command(passphrase: null)).IsValid, Is.True);
    }

    [Test]
    public void ShouldReject_WhenPassphraseIsTooLong()
    {
        var result = _validator.Validate(Command(passphrase: new string('p', 21)));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { "Passphrase must be no more than 20 characters long" }));
    }

    [Test]
    public void ShouldAccept_WhenPassphraseIsExactlyTheMaximum()
    {
        Assert.That(_validator.Validate(Command(passphrase: new string('p', 20))).IsValid, Is.True);
    }

    [Test]
    public void ShouldReject_WhenPassphraseContainsNul()
    {
        var result = _validator.Validate(Command(passphrase: "pass\0"));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { "Passphrase must not contain NUL characters" }));
    }

    [TestCaseSource(nameof(LoneSurrogateTexts))]
    public void ShouldReject_WhenPassphraseHasLoneSurrogate(string passphrase)
    {
        var result = _validator.Validate(Command(passphrase: passphrase));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Does.Contain("Passphrase is not valid text"));
    }

    [TestCase("not-an-email")]
    [TestCase("")]
    [TestCase(" ")]
    [TestCase("fred@localhost")]
    [TestCase("fred@")]
    [TestCase("@example.org")]
    [TestCase("fred@example.org.")]
    [TestCase("fred @example.org")]
    [TestCase(" fred@example.org")]
    [TestCase("fred@example.org\n")]
    [TestCase("Fred <fred@example.org>")]
    [TestCase("\"Fred\" fred@example.org")]
    [TestCase("fred@example.org,alice@example.org")]
    [TestCase("fred@example.org alice@example.org")]
    [TestCase("fred@[127.0.0.1]")]
    [TestCase("fred@[IPv6:::1]")]
    [TestCase("fred@exa_mple.org")]
    [TestCase("fred@-example.org")]
    [TestCase("fred@example..org")]
    public void ShouldReject_WhenRecipientIsNotAnEmailAddress(string recipient)
    {
        var result = _validator.Validate(Command(recipients: [recipient]));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { "Recipient must be a valid email address" }));
    }

    [Test]
    public void ShouldReject_WhenRecipientIsLongerThan254Characters()
    {
        var recipient = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".example.org";
        Assert.That(recipient, Has.Length.GreaterThan(254));

        var result = _validator.Validate(Command(recipients: [recipient]));

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void ShouldReject_WhenADomainLabelIsLongerThan63Characters()
    {
        var result = _validator.Validate(Command(recipients: [$"fred@{new string('b', 64)}.org"]));

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void ShouldAccept_WhenADomainLabelIsExactly63Characters()
    {
        var result = _validator.Validate(Command(recipients: [$"fred@{new string('b', 63)}.org"]));

        Assert.That(result.IsValid, Is.True);
    }

    [Test]
    public void ShouldReject_WhenTheLocalPartIsLongerThan64Characters()
    {
        var result = _validator.Validate(Command(recipients: [$"{new string('a', 65)}@example.org"]));

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void ShouldReject_WhenOneOfSeveralRecipientsIsInvalid()
    {
        var result = _validator.Validate(Command(recipients: ["fred@example.org", "nonsense"]));

        Assert.That(result.IsValid, Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("secrets.example.com")]
    [TestCase("SECRETS.Example.com")]
    [TestCase("links.example.net")]
    public void ShouldAccept_WhenShareDomainIsAbsentOrAllowed(string? shareDomain)
    {
        Assert.That(_validator.Validate(Command(shareDomain: shareDomain)).Errors, Is.Empty);
    }

    [TestCase("evil.example.com")]
    [TestCase("secrets.example.com.evil.org")]
    [TestCase("example.com")]
    public void ShouldReject_WhenShareDomainIsNotOnTheAllowList(string shareDomain)
    {
        var result = _validator.Validate(Command(shareDomain: shareDomain));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { "Unknown share_domain" }));
    }

    [Test]
    public void ShouldReportEveryFailure_WhenSeveralFieldsAreInvalid()
    {
        var result = _validator.Validate(Command(secret: " ", passphrase: "a\0", recipients: ["nonsense"], shareDomain: "evil.org"));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new List<string>
        {
            nameof(ShareSecretCommand.Secret),
            nameof(ShareSecretCommand.Passphrase),
            nameof(ShareSecretCommand.Recipients),
            nameof(ShareSecretCommand.ShareDomain),
        }));
    }

    private static ShareSecretCommand Command(
        string? secret = "value",
        string? passphrase = null,
        IReadOnlyList<string>? recipients = null,
        string? shareDomain = null) =>
        new(Requester.Anonymous, secret, passphrase, null, recipients ?? [], shareDomain);
}
