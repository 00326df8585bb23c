using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.Customers.Commands.RemoveCustomer;
using OneTimeSecret.Application.Customers.Queries.GetCustomer;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.UnitTests.Customers.Queries.GetCustomer;

public sealed class GetCustomerTests : HandlerTestBase
{
    [Test]
    public void ShouldThrowNotAuthorized_WhenRequesterIsAnonymous()
    {
        Assert.ThrowsAsync<NotAuthorizedException>(() => GetAsync(Requester.Anonymous));
    }

    [Test]
    public async Task ShouldReturnRecordWithCounters_WhenRequesterIsCustomer()
    {
        var requester = await AddCustomerAsync("fred@example.org", PlanIds.Basic);
        var created = await ShareAsync(requester: requester);
        await ShareAsync(requester: requester);
        await BurnAsync(created.MetadataKey);
        await new IssueApiTokenCommandHandler(Database.NewContext(), KeyGenerator, KeyHasher, Clock, DefaultAccountOptions)
            .Handle(new IssueApiTokenCommand("fred@example.org"), CancellationToken.None);

        var customer = await GetAsync(requester);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.CustId, Is.EqualTo("fred@example.org"));
            Assert.That(customer.PlanId, Is.EqualTo(PlanIds.Basic));
            Assert.That(customer.Created, Is.EqualTo(Start));
            Assert.That(customer.SecretsCreated, Is.EqualTo(2));
            Assert.That(customer.SecretsBurned, Is.EqualTo(1));
            Assert.That(customer.ActiveApiTokens, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task ShouldThrowNotAuthorized_WhenAccountWasRemoved()
    {
        var requester = await AddCustomerAsync("fred@example.org");
        await new RemoveCustomerCommandHandler(Database.NewContext()).Handle(new RemoveCustomerCommand("fred@example.org"), CancellationToken.None);

        Assert.ThrowsAsync<NotAuthorizedException>(() => GetAsync(requester));
    }

    private async Task<CustomerDto> GetAsync(Requester requester) =>
        await new GetCustomerQueryHandler(Database.NewContext()).Handle(new GetCustomerQuery(requester), CancellationToken.None);
}
