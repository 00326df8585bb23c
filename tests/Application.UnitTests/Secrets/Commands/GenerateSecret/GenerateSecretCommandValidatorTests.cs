using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Commands.GenerateSecret;

namespace OneTimeSecret.Application.UnitTests.Secrets.Commands.GenerateSecret;

public sealed class GenerateSecretCommandValidatorTests
{
    private GenerateSecretCommandValidator _validator = null!;

    [SetUp]
    public void CreateValidator()
    {
        var options = new SecretOptions { MaxPassphraseLength = 20, ShareDomains = { "secrets.example.com" } };
        _validator = new GenerateSecretCommandValidator(Options.Create(options));
    }

    [Test]
    public void ShouldAccept_WhenEveryFieldIsValid()
    {
        var result = _validator.Validate(Command(passphrase: "pass", recipients: ["fred@example.org"], shareDomain: "secrets.example.com"));

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void ShouldAccept_WhenNothingIsGiven()
    {
        Assert.That(_validator.Validate(Command()).IsValid, Is.True);
    }

    // Built in code: an attribute argument cannot hold a lone surrogate.
    private static readonly object[] InvalidPassphrases =
    [
        new object[] { "pass\0", "Passphrase must not contain NUL characters" },
        new object[] { "pass\uDBFF", "Passphrase is not valid text" },
        new object[] { "passphrase that is far too long", "Passphrase must be no more than 20 characters long" },
    ];

    [TestCaseSource(nameof(InvalidPassphrases))]
    public void ShouldReject_WhenPassphraseIsInvalid(string passphrase, string expectedMessage)
    {
        var result = _validator.Validate(Command(passphrase: passphrase));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { expectedMessage }));
    }

    [TestCase("fred")]
    [TestCase("fred@localhost")]
    [TestCase("Fred <fred@example.org>")]
    public void ShouldReject_WhenRecipientIsNotAnEmailAddress(string recipient)
    {
        var result = _validator.Validate(Command(recipients: [recipient]));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { "Recipient must be a valid email address" }));
    }

    [Test]
    public void ShouldReject_WhenShareDomainIsNotOnTheAllowList()
    {
        var result = _validator.Validate(Command(shareDomain: "evil.example.org"));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new List<string> { "Unknown share_domain" }));
    }

    [Test]
    public void ShouldRejectAnyShareDomain_WhenNoneIsAllowed()
    {
        var validator = new GenerateSecretCommandValidator(Options.Create(new SecretOptions()));

        Assert.That(validator.Validate(Command(shareDomain: "secrets.example.com")).IsValid, Is.False);
    }

    private static GenerateSecretCommand Command(
        string? passphrase = null,
        IReadOnlyList<string>? recipients = null,
        string? shareDomain = null) =>
        new(Requester.Anonymous, passphrase, null, recipients ?? [], shareDomain);
}
