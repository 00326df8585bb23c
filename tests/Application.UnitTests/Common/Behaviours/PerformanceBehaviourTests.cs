using Microsoft.Extensions.Logging;
using OneTimeSecret.Application.Common.Behaviours;
using OneTimeSecret.Application.UnitTests.TestSupport;

namespace OneTimeSecret.Application.UnitTests.Common.Behaviours;

public sealed class PerformanceBehaviourTests
{
    private const string Secret = "the-secret-payload";

    [Test]
    public async Task ShouldLogNameAtDebugWithoutPayload_WhenHandlerIsQuick()
    {
        var logger = new RecordingLogger<PerformanceBehaviour<PingCommand, string>>();
        var behaviour = new PerformanceBehaviour<PingCommand, string>(logger);

        var result = await behaviour.Handle(new PingCommand("ping", Secret), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo("pong"));
            Assert.That(logger.Entries, Has.Count.EqualTo(1));
            Assert.That(logger.Entries[0].Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(logger.Entries[0].Mentions(nameof(PingCommand)), Is.True);
            Assert.That(logger.Entries[0].Mentions(Secret), Is.False);
        }
    }

    [Test]
    public async Task ShouldNotLog_WhenDebugIsDisabledAndHandlerIsQuick()
    {
        var logger = new RecordingLogger<PerformanceBehaviour<PingCommand, string>>(LogLevel.Information);
        var behaviour = new PerformanceBehaviour<PingCommand, string>(logger);

        await behaviour.Handle(new PingCommand("ping", Secret), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None);

        Assert.That(logger.Entries, Is.Empty);
    }

    [Test]
    public async Task ShouldWarnWithoutPayload_WhenHandlerIsSlow()
    {
        var logger = new RecordingLogger<PerformanceBehaviour<PingCommand, string>>(LogLevel.Information);
        var behaviour = new PerformanceBehaviour<PingCommand, string>(logger);

        await behaviour.Handle(
            new PingCommand("ping", Secret),
            async (_, ct) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(600), ct);
                return "pong";
            },
            CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(logger.Entries, Has.Count.EqualTo(1));
            Assert.That(logger.Entries[0].Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(logger.Entries[0].Mentions(nameof(PingCommand)), Is.True);
            Assert.That(logger.Entries[0].Mentions(Secret), Is.False);
        }
    }

    [Test]
    public void ShouldStillLogAndRethrow_WhenHandlerFails()
    {
        var logger = new RecordingLogger<PerformanceBehaviour<PingCommand, string>>();
        var behaviour = new PerformanceBehaviour<PingCommand, string>(logger);

        Assert.ThrowsAsync<InvalidOperationException>(async () => await behaviour.Handle(
            new PingCommand("ping", Secret),
            (_, _) => throw new InvalidOperationException("boom"),
            CancellationToken.None));

        Assert.That(logger.Entries, Has.Count.EqualTo(1));
    }
}
