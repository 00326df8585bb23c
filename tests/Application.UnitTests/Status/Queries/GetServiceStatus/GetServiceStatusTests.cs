using Moq;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Status.Queries.GetServiceStatus;

namespace OneTimeSecret.Application.UnitTests.Status.Queries.GetServiceStatus;

public sealed class GetServiceStatusTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task ShouldReportWhatTheProbeSees_WhenAsked(bool databaseAnswers)
    {
        var probe = new Mock<IDatabaseProbe>();
        probe.Setup(p => p.CanConnectAsync(It.IsAny<CancellationToken>())).ReturnsAsync(databaseAnswers);

        var status = await new GetServiceStatusQueryHandler(probe.Object).Handle(new GetServiceStatusQuery(), CancellationToken.None);

        Assert.That(status.DatabaseAvailable, Is.EqualTo(databaseAnswers));
    }
}
