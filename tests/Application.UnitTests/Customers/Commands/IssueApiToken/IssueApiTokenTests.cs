using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.UnitTests.Customers.Commands.IssueApiToken;

public sealed class IssueApiTokenTests : HandlerTestBase
{
    [Test]
    public async Task ShouldKeepOldTokenWorking_WhenOthersAreNotRevoked()
    {
        var first = await AddAsync("fred@example.org");

        var second = await IssueAsync(new IssueApiTokenCommand("fred@example.org"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.ApiToken, Is.Not.EqualTo(first.ApiToken));
            Assert.That(await AuthenticateAsync("fred@example.org", first.ApiToken), Is.Not.Null);
            Assert.That(await AuthenticateAsync("fred@example.org", second.ApiToken), Is.Not.Null);
            Assert.That((await LoadCustomerAsync("fred@example.org")).ApiTokens.Count(t => t.IsActive), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task ShouldRevokeOldTokens_WhenRevokeOthers()
    {
        var first = await AddAsync("fred@example.org");
        var second = await IssueAsync(new IssueApiTokenCommand("fred@example.org"));
        Clock.Advance(TimeSpan.FromHours(1));

        var third = await IssueAsync(new IssueApiTokenCommand("fred@example.org", RevokeOthers: true));

        var customer = await LoadCustomerAsync("fred@example.org");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await AuthenticateAsync("fred@example.org", first.ApiToken), Is.Null);
            Assert.That(await AuthenticateAsync("fred@example.org", second.ApiToken), Is.Null);
            Assert.That(await AuthenticateAsync("fred@example.org", third.ApiToken), Is.Not.Null);
            Assert.That(customer.ApiTokens.Count(t => t.IsActive), Is.EqualTo(1));
            Assert.That(customer.ApiTokens.Where(t => !t.IsActive).Select(t => t.RevokedAt), Is.All.EqualTo(Start.AddHours(1)));
        }
    }

    [Test]
    public async Task ShouldFindAccount_WhenCustIdDiffersInCase()
    {
        await AddAsync("fred@example.org");

        var issued = await IssueAsync(new IssueApiTokenCommand("FRED@Example.org"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(issued.CustId, Is.EqualTo("fred@example.org"));
            Assert.That(await AuthenticateAsync("fred@example.org", issued.ApiToken), Is.Not.Null);
        }
    }

    [Test]
    public async Task ShouldThrowNotAuthorized_WhenAccountIsUnknown()
    {
        await AddAsync("fred@example.org");

        Assert.ThrowsAsync<NotAuthorizedException>(() => IssueAsync(new IssueApiTokenCommand("alice@example.org")));
    }

    [Test]
    public void ShouldReject_WhenCustIdIsEmpty()
    {
        var result = new IssueApiTokenCommandValidator().Validate(new IssueApiTokenCommand(string.Empty));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new List<string> { nameof(IssueApiTokenCommand.CustId) }));
    }

    [Test]
    public void ShouldAccept_WhenCustIdIsGiven()
    {
        var result = new IssueApiTokenCommandValidator().Validate(new IssueApiTokenCommand("fred", RevokeOthers: true));

        Assert.That(result.IsValid, Is.True);
    }

    [Test]
    public async Task ShouldRefuseAnotherToken_WhenTheAccountHoldsTheMostActiveTokensAllowed()
    {
        var capped = Microsoft.Extensions.Options.Options.Create(new OneTimeSecret.Application.Common.Options.AccountOptions { MaxActiveApiTokens = 2 });
        await AddAsync("fred@example.org");
        await new IssueApiTokenCommandHandler(Database.NewContext(), KeyGenerator, KeyHasher, Clock, capped)
            .Handle(new IssueApiTokenCommand("fred@example.org"), CancellationToken.None);

        var refused = Assert.ThrowsAsync<ConflictException>(async () =>
            await new IssueApiTokenCommandHandler(Database.NewContext(), KeyGenerator, KeyHasher, Clock, capped)
                .Handle(new IssueApiTokenCommand("fred@example.org"), CancellationToken.None));
        var replaced = await new IssueApiTokenCommandHandler(Database.NewContext(), KeyGenerator, KeyHasher, Clock, capped)
            .Handle(new IssueApiTokenCommand("fred@example.org", RevokeOthers: true), CancellationToken.None);

        Assert.That(refused!.Message, Does.Contain("at most 2 active API tokens"));
        Assert.That(replaced.ApiToken, Is.Not.Empty, "revoking the others makes room");
        Assert.That((await LoadCustomerAsync("fred@example.org")).ApiTokens.Count(t => t.IsActive), Is.EqualTo(1));
    }

    private async Task<IssuedApiToken> AddAsync(string custId) =>
        await NewAddCustomerHandler().Handle(new AddCustomerCommand(custId, PlanIds.Basic), CancellationToken.None);

    private async Task<IssuedApiToken> IssueAsync(IssueApiTokenCommand command) =>
        await new IssueApiTokenCommandHandler(Database.NewContext(), KeyGenerator, KeyHasher, Clock, DefaultAccountOptions).Handle(command, CancellationToken.None);
}
