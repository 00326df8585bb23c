using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Commands.RemoveCustomer;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.UnitTests.Customers.Commands.RemoveCustomer;

public sealed class RemoveCustomerTests : HandlerTestBase
{
    [Test]
    public async Task ShouldRemoveAccountAndTokens_WhenAccountExists()
    {
        var issued = await NewAddCustomerHandler().Handle(new AddCustomerCommand("fred@example.org", PlanIds.Basic), CancellationToken.None);
        await NewAddCustomerHandler().Handle(new AddCustomerCommand("alice@example.org", PlanIds.Basic), CancellationToken.None);

        var removed = await RemoveAsync("fred@example.org");

        var db = Database.NewContext();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.True);
            Assert.That(db.Customers.Select(c => c.CustId), Is.EquivalentTo(new List<string> { "alice@example.org" }));
            Assert.That(db.ApiTokens.Count(), Is.EqualTo(1), "only alice's token is left");
            Assert.That(await AuthenticateAsync("fred@example.org", issued.ApiToken), Is.Null);
        }
    }

    [Test]
    public async Task ShouldRemoveAccount_WhenCustIdDiffersInCase()
    {
        await NewAddCustomerHandler().Handle(new AddCustomerCommand("fred@example.org", PlanIds.Basic), CancellationToken.None);

        var removed = await RemoveAsync(" FRED@example.org ");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.True);
            Assert.That(Database.NewContext().Customers.Count(), Is.Zero);
        }
    }

    [Test]
    public async Task ShouldReturnFalse_WhenAccountIsUnknown()
    {
        await NewAddCustomerHandler().Handle(new AddCustomerCommand("fred@example.org", PlanIds.Basic), CancellationToken.None);

        var removed = await RemoveAsync("alice@example.org");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.False);
            Assert.That(Database.NewContext().Customers.Count(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ShouldKeepSharedSecretsRevealable_WhenAccountIsRemoved()
    {
        var requester = await AddCustomerAsync("fred@example.org");
        var created = await ShareAsync("left behind", requester: requester);

        await RemoveAsync("fred@example.org");

        Assert.That((await RevealAsync(created.SecretKey)).Value, Is.EqualTo("left behind"));
    }

    private async Task<bool> RemoveAsync(string custId) =>
        await new RemoveCustomerCommandHandler(Database.NewContext()).Handle(new RemoveCustomerCommand(custId), CancellationToken.None);
}
