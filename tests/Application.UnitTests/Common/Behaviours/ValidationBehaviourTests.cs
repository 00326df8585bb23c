using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Behaviours;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application.UnitTests.Common.Behaviours;

public sealed class ValidationBehaviourTests
{
    private int _nextCalls;

    [SetUp]
    public void ResetCalls() => _nextCalls = 0;

    [Test]
    public void ShouldThrowWithEveryFailureAndNotCallNext_WhenValidatorsFail()
    {
        var nameRequired = new InlineValidator<PingCommand>();
        nameRequired.RuleFor(c => c.Name).NotEmpty().WithMessage("name is required");
        var payloadShort = new InlineValidator<PingCommand>();
        payloadShort.RuleFor(c => c.Payload).MaximumLength(3).WithMessage("payload is too long");
        payloadShort.RuleFor(c => c.Payload).Must(p => !p.Contains('!', StringComparison.Ordinal)).WithMessage("no shouting");
        var behaviour = new ValidationBehaviour<PingCommand, string>([nameRequired, payloadShort]);

        var exception = Assert.ThrowsAsync<ValidationException>(
            async () => await behaviour.Handle(new PingCommand(string.Empty, "long payload!"), Next, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                exception!.Errors.Select(e => e.ErrorMessage),
                Is.EquivalentTo(new List<string> { "name is required", "payload is too long", "no shouting" }));
            Assert.That(_nextCalls, Is.Zero);
        }
    }

    [Test]
    public async Task ShouldCallNextAndReturnItsResult_WhenValidatorsPass()
    {
        var nameRequired = new InlineValidator<PingCommand>();
        nameRequired.RuleFor(c => c.Name).NotEmpty();
        var behaviour = new ValidationBehaviour<PingCommand, string>([nameRequired]);

        var result = await behaviour.Handle(new PingCommand("ping", "x"), Next, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo("handled ping"));
            Assert.That(_nextCalls, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ShouldCallNext_WhenMessageHasNoValidator()
    {
        var behaviour = new ValidationBehaviour<PingCommand, string>([]);

        var result = await behaviour.Handle(new PingCommand(string.Empty, string.Empty), Next, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo("handled "));
            Assert.That(_nextCalls, Is.EqualTo(1));
        }
    }

    [Test]
    public void ShouldStopShareBeforeHandler_WhenSecretIsBlank()
    {
        var validator = new ShareSecretCommandValidator(Options.Create(new SecretOptions()));
        var behaviour = new ValidationBehaviour<ShareSecretCommand, CreatedSecret>([validator]);
        var handlerCalls = 0;

        var exception = Assert.ThrowsAsync<ValidationException>(async () => await behaviour.Handle(
            new ShareSecretCommand(Requester.Anonymous, "   ", null, null, ["not-an-address"], null),
            (_, _) =>
            {
                handlerCalls++;
                throw new AssertionException("the handler must not run");
            },
            CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                exception!.Errors.Select(e => e.ErrorMessage),
                Is.EquivalentTo(new List<string> { "You did not provide anything to share", "Recipient must be a valid email address" }));
            Assert.That(handlerCalls, Is.Zero);
        }
    }

    private ValueTask<string> Next(PingCommand message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult($"handled {message.Name}");
    }
}
