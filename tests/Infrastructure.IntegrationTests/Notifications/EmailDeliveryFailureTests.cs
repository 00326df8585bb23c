using Microsoft.Extensions.DependencyInjection;
using Moq;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Notifications;

/// <summary>How the outbox treats each kind of sending failure, with the sender (an edge) mocked.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class EmailDeliveryFailureTests(DatabaseProvider provider) : NotificationTestBase(provider)
{
    private const string Address = "leaky.fred@example.org";

    private readonly Mock<IEmailSender> _sender = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(_sender.Object);

    [SetUp]
    public void ResetSender() => _sender.Reset();

    [Test]
    public async Task ShouldGiveUpAtOnce_WhenTheServerRefusesTheAddressForGood()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailDeliveryException("The mail server refused the message (550, RecipientNotAccepted)", isPermanent: true));
        await ShareAsync("value", recipients: [Address]);

        var report = await DeliverAsync();

        Assert.That(report, Is.EqualTo(new DeliveryReport(0, 0, 1, 0)));
        var failed = await SingleNotificationAsync();
        Assert.That(failed.Status, Is.EqualTo(NotificationStatus.Failed));
        Assert.That(failed.Attempts, Is.EqualTo(1));
        Assert.That(failed.HoldsPayload, Is.False);
    }

    [Test]
    public async Task ShouldRetryWithoutLoggingTheAddress_WhenTheSenderFailsUnexpectedly()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException($"mailbox {Address} exploded"));
        var created = await ShareAsync("value", recipients: [Address]);

        var report = await DeliverAsync();

        Assert.That(report, Is.EqualTo(new DeliveryReport(0, 1, 0, 0)));
        Assert.That(Logs.AllText, Does.Contain("InvalidOperationException"));
        Assert.That(Logs.AllText, Does.Not.Contain("leaky.fred"));
        Assert.That(Logs.AllText, Does.Not.Contain(created.SecretKey));
    }

    [Test]
    public async Task ShouldBackOffExponentially_WhenAttemptsKeepFailing()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailDeliveryException("Cannot reach the mail server (ConnectionRefused)", isPermanent: false));
        await ShareAsync("value", recipients: [Address]);

        var waits = new List<TimeSpan>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await DeliverAsync();
            var pending = await SingleNotificationAsync();
            waits.Add(pending.NextAttemptAt - Clock.GetUtcNow());
            Clock.Advance(pending.NextAttemptAt - Clock.GetUtcNow());
        }

        Assert.That(waits, Is.EqualTo(new[]
        {
            TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8),
        }));
        await DeliverAsync();
        Assert.That((await SingleNotificationAsync()).Status, Is.EqualTo(NotificationStatus.Failed), "the fifth attempt is the last by default");
        _sender.Verify(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(5));
    }

    [Test]
    public async Task ShouldTryAgainAfterTheLease_WhenAnAttemptNeverFinished()
    {
        // An instance that dies while sending leaves the email claimed; the lease runs out and another run sends it.
        var firstCall = true;
        _sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                if (firstCall)
                {
                    firstCall = false;
                    throw new OperationCanceledException("the instance is stopping");
                }

                return Task.FromResult(EmailDelivery.Sent);
            });
        await ShareAsync("value", recipients: [Address]);

        Assert.ThrowsAsync<OperationCanceledException>(DeliverAsync);
        var claimed = await SingleNotificationAsync();
        var duringTheLease = await DeliverAsync();
        Clock.Advance(TimeSpan.FromSeconds(300));
        var afterTheLease = await DeliverAsync();

        Assert.That(claimed.Status, Is.EqualTo(NotificationStatus.Pending));
        Assert.That(claimed.NextAttemptAt, Is.EqualTo(TestStart.AddSeconds(300)));
        Assert.That(duringTheLease.Handled, Is.Zero);
        Assert.That(afterTheLease, Is.EqualTo(new DeliveryReport(1, 0, 0, 0)));
    }
}
