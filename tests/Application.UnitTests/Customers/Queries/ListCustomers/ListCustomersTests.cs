using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.Customers.Queries.ListCustomers;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.UnitTests.Customers.Queries.ListCustomers;

public sealed class ListCustomersTests : HandlerTestBase
{
    [Test]
    public async Task ShouldListEveryAccountInCustIdOrder_WhenAccountsExist()
    {
        await AddCustomerAsync("mallory@example.org", PlanIds.Anonymous);
        await AddCustomerAsync("alice@example.org");
        await AddCustomerAsync("fred@example.org");
        await new IssueApiTokenCommandHandler(Database.NewContext(), KeyGenerator, KeyHasher, Clock, DefaultAccountOptions)
            .Handle(new IssueApiTokenCommand("fred@example.org", RevokeOthers: true), CancellationToken.None);

        var customers = await ListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                customers.Select(c => c.CustId),
                Is.EqualTo(new List<string> { "alice@example.org", "fred@example.org", "mallory@example.org" }));
            Assert.That(customers.Select(c => c.PlanId), Is.EqualTo(new List<string> { PlanIds.Basic, PlanIds.Basic, PlanIds.Anonymous }));
            Assert.That(customers.Select(c => c.ActiveApiTokens), Is.All.EqualTo(1), "a revoked token is not counted");
        }
    }

    [Test]
    public async Task ShouldListNothing_WhenNoAccountExists()
    {
        Assert.That(await ListAsync(), Is.Empty);
    }

    private async Task<IReadOnlyList<CustomerDto>> ListAsync() =>
        await new ListCustomersQueryHandler(Database.NewContext()).Handle(new ListCustomersQuery(), CancellationToken.None);
}
