using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Web.Api.V1.Wire;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>The words API v1 uses for states and email statuses: the live service's, in lower case.</summary>
public sealed class WireNamesTests
{
    [TestCase(SecretState.New, "new")]
    [TestCase(SecretState.Viewed, "viewed")]
    [TestCase(SecretState.Received, "received")]
    [TestCase(SecretState.Burned, "burned")]
    [TestCase(SecretState.Expired, "expired")]
    public void ShouldUseLowerCaseWireName_WhenStateIsNamed(SecretState state, string expected) =>
        Assert.That(WireNames.Of(state), Is.EqualTo(expected));

    [Test]
    public void ShouldRefuseWireName_WhenStateIsUndefined() =>
        Assert.That(() => WireNames.Of((SecretState)42), Throws.TypeOf<ArgumentOutOfRangeException>());

    [TestCase(NotificationStatus.Pending, "pending")]
    [TestCase(NotificationStatus.Sent, "sent")]
    [TestCase(NotificationStatus.Failed, "failed")]
    [TestCase(NotificationStatus.Cancelled, "cancelled")]
    public void ShouldUseLowerCaseWireNames_WhenAnEmailStatusIsNamed(NotificationStatus status, string expected) =>
        Assert.That(WireNames.Of(status), Is.EqualTo(expected));
}
