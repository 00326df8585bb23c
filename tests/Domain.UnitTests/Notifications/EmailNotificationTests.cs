using OneTimeSecret.Domain.Notifications;

namespace OneTimeSecret.Domain.UnitTests.Notifications;

public sealed class EmailNotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void ShouldBePendingAndDueAtOnce_WhenCreated()
    {
        var id = Guid.NewGuid();
        var notification = EmailNotification.Create(id, Guid.NewGuid(), "fr*****@e*****.org", [1], [2], Now);

        Assert.That(notification.Id, Is.EqualTo(id));
        Assert.That(notification.Status, Is.EqualTo(NotificationStatus.Pending));
        Assert.That(notification.NextAttemptAt, Is.EqualTo(Now));
        Assert.That(notification.Attempts, Is.Zero);
        Assert.That(notification.HoldsPayload, Is.True);
    }

    [Test]
    public void ShouldBelongToNoSecret_WhenItIsAnAccountsOwnEmail()
    {
        var customer = Guid.NewGuid();
        var notice = EmailNotification.CreateAccountEmail(Guid.NewGuid(), EmailKind.SignInNotice, customer, "ow*****@e*****.org", [1], null, Now);

        Assert.That(notice.Kind, Is.EqualTo(EmailKind.SignInNotice));
        Assert.That(notice.SecretId, Is.Null);
        Assert.That(notice.CustomerId, Is.EqualTo(customer));
        Assert.That(
            () => EmailNotification.CreateAccountEmail(Guid.NewGuid(), EmailKind.SecretLink, customer, "ow*****@e*****.org", [1], [2], Now),
            Throws.ArgumentException);
    }

    [TestCase(1, 60)]
    [TestCase(2, 120)]
    [TestCase(3, 240)]
    [TestCase(4, 480)]
    [TestCase(7, 3600)]
    [TestCase(100, 3600)]
    public void ShouldDoubleTheDelayUpToTheMaximum_WhenAttemptsFail(int attempt, int expectedSeconds)
    {
        var delay = EmailNotification.RetryDelay(attempt, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [Test]
    public void ShouldNotOverflow_WhenTheBaseDelayIsLong() =>
        Assert.That(EmailNotification.RetryDelay(80, TimeSpan.FromDays(1), TimeSpan.FromDays(7)), Is.EqualTo(TimeSpan.FromDays(7)));

    [TestCase(new[] { NotificationStatus.Sent, NotificationStatus.Pending }, NotificationStatus.Pending)]
    [TestCase(new[] { NotificationStatus.Sent, NotificationStatus.Failed }, NotificationStatus.Failed)]
    [TestCase(new[] { NotificationStatus.Cancelled, NotificationStatus.Sent }, NotificationStatus.Sent)]
    [TestCase(new[] { NotificationStatus.Cancelled }, NotificationStatus.Cancelled)]
    [TestCase(new[] { NotificationStatus.Sent, NotificationStatus.Written }, NotificationStatus.Written)]
    [TestCase(new[] { NotificationStatus.Written, NotificationStatus.Failed }, NotificationStatus.Failed)]
    public void ShouldSummarizeForTheCreator_WhenSeveralEmailsWereSent(NotificationStatus[] statuses, NotificationStatus expected) =>
        Assert.That(NotificationStatusNames.Summarize(statuses), Is.EqualTo(expected));

    [Test]
    public void ShouldSummarizeToNothing_WhenThereAreNoEmails() =>
        Assert.That(NotificationStatusNames.Summarize([]), Is.Null);
}
