using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.UnitTests.Customers.Queries.AuthenticateApiClient;

public sealed class AuthenticateApiClientTests : HandlerTestBase
{
    private string _token = string.Empty;

    [SetUp]
    public async Task AddFred()
    {
        var issued = await NewAddCustomerHandler().Handle(new AddCustomerCommand("fred@example.org", PlanIds.Basic), CancellationToken.None);
        _token = issued.ApiToken;
    }

    [Test]
    public async Task ShouldReturnRequesterWithPlan_WhenTokenIsValid()
    {
        var requester = await AuthenticateAsync("fred@example.org", _token);

        var customer = await LoadCustomerAsync("fred@example.org");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(requester, Is.Not.Null);
            Assert.That(requester!.CustId, Is.EqualTo("fred@example.org"));
            Assert.That(requester.CustomerId, Is.EqualTo(customer.Id));
            Assert.That(requester.PlanId, Is.EqualTo(PlanIds.Basic));
        }
    }

    [Test]
    public async Task ShouldReturnRequester_WhenCustIdDiffersInCaseOrSpace()
    {
        var requester = await AuthenticateAsync(" Fred@EXAMPLE.org", _token);

        Assert.That(requester?.CustId, Is.EqualTo("fred@example.org"));
    }

    [Test]
    public async Task ShouldReturnNull_WhenTokenIsWrong()
    {
        Assert.That(await AuthenticateAsync("fred@example.org", KeyGenerator.NewApiToken()), Is.Null);
    }

    [Test]
    public async Task ShouldReturnNull_WhenTokenDiffersInCase()
    {
        Assert.That(await AuthenticateAsync("fred@example.org", _token.ToUpperInvariant()), Is.Null);
    }

    [Test]
    public async Task ShouldReturnNull_WhenTokenIsEmpty()
    {
        Assert.That(await AuthenticateAsync("fred@example.org", string.Empty), Is.Null);
    }

    [Test]
    public async Task ShouldReturnNull_WhenCustIdIsUnknown()
    {
        Assert.That(await AuthenticateAsync("alice@example.org", _token), Is.Null);
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task ShouldReturnNull_WhenCustIdIsBlank(string custId)
    {
        Assert.That(await AuthenticateAsync(custId, _token), Is.Null);
    }

    [Test]
    public async Task ShouldReturnNull_WhenCustIdIsTooLong()
    {
        Assert.That(await AuthenticateAsync(new string('f', 10_000), _token), Is.Null);
    }

    [Test]
    public async Task ShouldReturnNull_WhenTokenWasRevoked()
    {
        await new IssueApiTokenCommandHandler(Database.NewContext(), KeyGenerator, KeyHasher, Clock, DefaultAccountOptions)
            .Handle(new IssueApiTokenCommand("fred@example.org", RevokeOthers: true), CancellationToken.None);

        Assert.That(await AuthenticateAsync("fred@example.org", _token), Is.Null);
    }

    [Test]
    public async Task ShouldReturnNull_WhenTokenBelongsToAnotherAccount()
    {
        var alice = await NewAddCustomerHandler().Handle(new AddCustomerCommand("alice@example.org", PlanIds.Anonymous), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await AuthenticateAsync("fred@example.org", alice.ApiToken), Is.Null);
            Assert.That((await AuthenticateAsync("alice@example.org", alice.ApiToken))?.PlanId, Is.EqualTo(PlanIds.Anonymous));
        }
    }

    [Test]
    public async Task ShouldReturnRequester_WhenAnyOfSeveralActiveTokensIsPresented()
    {
        var second = await new IssueApiTokenCommandHandler(Database.NewContext(), KeyGenerator, KeyHasher, Clock, DefaultAccountOptions)
            .Handle(new IssueApiTokenCommand("fred@example.org"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await AuthenticateAsync("fred@example.org", _token), Is.Not.Null);
            Assert.That(await AuthenticateAsync("fred@example.org", second.ApiToken), Is.Not.Null);
        }
    }
}
