using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Logging;
using OneTimeSecret.Application.Common.Behaviours;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.UnitTests.TestSupport;

namespace OneTimeSecret.Application.UnitTests.Common.Behaviours;

public sealed class UnhandledExceptionBehaviourTests
{
    private const string Secret = "the-secret-payload";

    private static readonly Exception[] ExpectedExceptions =
    [
        new ValidationException([new ValidationFailure("Secret", "bad")]),
        new SecretNotFoundException("abc"),
        new MetadataNotFoundException(),
        new SecretTooLargeException(10),
        new NotAuthorizedException(),
        new ForbiddenException(),
        new ConflictException("exists"),
        new OperationCanceledException(),
    ];

    [Test]
    public void ShouldLogNameWithoutPayloadAndRethrow_WhenHandlerFailsUnexpectedly()
    {
        var logger = new RecordingLogger<UnhandledExceptionBehaviour<PingCommand, string>>();
        var behaviour = new UnhandledExceptionBehaviour<PingCommand, string>(logger);
        var failure = new InvalidOperationException("boom");

        var thrown = Assert.ThrowsAsync<InvalidOperationException>(async () => await behaviour.Handle(
            new PingCommand("ping", Secret),
            (_, _) => throw failure,
            CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(thrown, Is.SameAs(failure));
            Assert.That(logger.Entries, Has.Count.EqualTo(1));
            Assert.That(logger.Entries[0].Level, Is.EqualTo(LogLevel.Error));
            Assert.That(logger.Entries[0].Exception, Is.SameAs(failure));
            Assert.That(logger.Entries[0].Mentions(nameof(PingCommand)), Is.True);
            Assert.That(logger.Entries[0].Mentions(Secret), Is.False);
        }
    }

    [TestCaseSource(nameof(ExpectedExceptions))]
    public void ShouldRethrowWithoutLogging_WhenExceptionAnswersAClientMistake(Exception expected)
    {
        var logger = new RecordingLogger<UnhandledExceptionBehaviour<PingCommand, string>>();
        var behaviour = new UnhandledExceptionBehaviour<PingCommand, string>(logger);

        var thrown = Assert.CatchAsync(async () => await behaviour.Handle(
            new PingCommand("ping", Secret),
            (_, _) => throw expected,
            CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(thrown, Is.SameAs(expected));
            Assert.That(logger.Entries, Is.Empty);
        }
    }

    [Test]
    public async Task ShouldReturnResultWithoutLogging_WhenHandlerSucceeds()
    {
        var logger = new RecordingLogger<UnhandledExceptionBehaviour<PingCommand, string>>();
        var behaviour = new UnhandledExceptionBehaviour<PingCommand, string>(logger);

        var result = await behaviour.Handle(new PingCommand("ping", Secret), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo("pong"));
            Assert.That(logger.Entries, Is.Empty);
        }
    }
}
