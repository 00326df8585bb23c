using Microsoft.Extensions.Options;
using Moq;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Secrets.Commands.GenerateSecret;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.UnitTests.Secrets.Commands.GenerateSecret;

public sealed class GenerateSecretTests : HandlerTestBase
{
    private static readonly System.Buffers.SearchValues<char> LookAlikes = System.Buffers.SearchValues.Create("ilo01IO");

    [Test]
    public async Task ShouldGenerateTwelveLettersAndDigitsWithoutLookAlikes_WhenGenerated()
    {
        // Many draws, so that a look-alike or a missing character class would show up.
        for (var i = 0; i < 200; i++)
        {
            var generated = await GenerateAsync();
            var value = generated.Value;

            Assert.That(value, Has.Length.EqualTo(12));
            Assert.That(value.All(char.IsAsciiLetterOrDigit), Is.True, value);
            Assert.That(value.AsSpan().IndexOfAny(LookAlikes), Is.EqualTo(-1), value);
            Assert.That(value.Any(char.IsAsciiLetterUpper), Is.True, value);
            Assert.That(value.Any(char.IsAsciiLetterLower), Is.True, value);
            Assert.That(value.Any(char.IsAsciiDigit), Is.True, value);
        }
    }

    [Test]
    public async Task ShouldGenerateDifferentValues_WhenGeneratedTwice()
    {
        var first = await GenerateAsync();
        var second = await GenerateAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Value, Is.Not.EqualTo(second.Value));
            Assert.That(first.Created.SecretKey, Is.Not.EqualTo(second.Created.SecretKey));
        }
    }

    [Test]
    public async Task ShouldUseConfiguredLength_WhenLengthIsConfigured()
    {
        SecretSettings.GeneratedPasswordLength = 20;

        var generated = await GenerateAsync();

        Assert.That(generated.Value, Has.Length.EqualTo(20));
    }

    [Test]
    public async Task ShouldStoreTheGeneratedValue_WhenGenerated()
    {
        var generated = await GenerateAsync(passphrase: "pass");

        var revealed = await RevealAsync(generated.Created.SecretKey, "pass");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(revealed.Value, Is.EqualTo(generated.Value));
            Assert.That(generated.Created.Metadata.PassphraseRequired, Is.True);
            Assert.That(generated.Created.Metadata.State, Is.EqualTo(SecretState.New));
            Assert.That(Database.Contains(generated.Value), Is.False, "the generated value is stored encrypted");
        }
    }

    [Test]
    public async Task ShouldClampTtl_WhenTtlOutOfRange()
    {
        var tooShort = await GenerateAsync(ttlSeconds: 1);
        var tooLong = await GenerateAsync(ttlSeconds: long.MaxValue);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tooShort.Created.Metadata.Ttl, Is.EqualTo(SecretSettings.MinTtlSeconds));
            Assert.That(tooLong.Created.Metadata.Ttl, Is.EqualTo(Plans.Anonymous.MaxTtlSeconds));
        }
    }

    [Test]
    public void ShouldThrowForbidden_WhenMoreRecipientsThanPlanAllows()
    {
        SecretSettings.AllowAnonymousRecipients = true;
        Assert.ThrowsAsync<ForbiddenException>(() => GenerateAsync(recipients: ["a@example.org", "b@example.org"]));
    }

    [Test]
    public async Task ShouldIncrementSecretsCreated_WhenRequesterIsCustomer()
    {
        var requester = await AddCustomerAsync("fred@example.org");

        await GenerateAsync(requester);

        Assert.That((await LoadCustomerAsync("fred@example.org")).SecretsCreated, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldAskGeneratorForConfiguredLengthAndDefaultSets_WhenNoOptionIsGiven()
    {
        var generator = new Mock<IKeyGenerator>();
        generator.Setup(g => g.NewPassword(It.IsAny<PasswordRecipe>())).Returns("Fixed2Value");
        var handler = new GenerateSecretCommandHandler(NewSecretCreator(), generator.Object, Options.Create(SecretSettings));

        var generated = await handler.Handle(
            new GenerateSecretCommand(Requester.Anonymous, null, null, [], null),
            CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            generator.Verify(g => g.NewPassword(new PasswordRecipe(12, PasswordCharacterSets.Default)), Times.Once);
            Assert.That(generated.Value, Is.EqualTo("Fixed2Value"));
            Assert.That((await RevealAsync(generated.Created.SecretKey)).Value, Is.EqualTo("Fixed2Value"));
        }
    }

    [Test]
    public async Task ShouldAskGeneratorForTheChosenLengthAndSets_WhenTheyAreGiven()
    {
        var generator = new Mock<IKeyGenerator>();
        generator.Setup(g => g.NewPassword(It.IsAny<PasswordRecipe>())).Returns("4827");
        var handler = new GenerateSecretCommandHandler(NewSecretCreator(), generator.Object, Options.Create(SecretSettings));
        var digits = new PasswordCharacterSets(Uppercase: false, Lowercase: false, Numbers: true, Symbols: false, ExcludeAmbiguous: false);

        await handler.Handle(new GenerateSecretCommand(Requester.Anonymous, null, null, [], null, Length: 4, CharacterSets: digits), CancellationToken.None);

        generator.Verify(g => g.NewPassword(new PasswordRecipe(4, digits)), Times.Once);
    }

    [TestCase(3, "Generated password length must be at least 4 characters")]
    [TestCase(129, "Generated password length must be no more than 128 characters")]
    public void ShouldRefuseTheLength_WhenItIsOutOfRange(int length, string message)
    {
        var result = new GenerateSecretCommandValidator(Options.Create(SecretSettings))
            .Validate(new GenerateSecretCommand(Requester.Anonymous, null, null, [], null, Length: length));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { message }));
    }

    [Test]
    public void ShouldRefuseTheCharacterSets_WhenNoneIsChosen()
    {
        var none = new PasswordCharacterSets(Uppercase: false, Lowercase: false, Numbers: false, Symbols: false, ExcludeAmbiguous: true);

        var result = new GenerateSecretCommandValidator(Options.Create(SecretSettings))
            .Validate(new GenerateSecretCommand(Requester.Anonymous, null, null, [], null, CharacterSets: none));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "Choose at least one character set: uppercase, lowercase, numbers or symbols" }));
    }

    private async Task<GeneratedSecret> GenerateAsync(
        Requester? requester = null,
        string? passphrase = null,
        long? ttlSeconds = null,
        IReadOnlyList<string>? recipients = null)
    {
        var handler = new GenerateSecretCommandHandler(NewSecretCreator(), KeyGenerator, Options.Create(SecretSettings));
        return await handler.Handle(
            new GenerateSecretCommand(requester ?? Requester.Anonymous, passphrase, ttlSeconds, recipients ?? [], null),
            CancellationToken.None);
    }
}
