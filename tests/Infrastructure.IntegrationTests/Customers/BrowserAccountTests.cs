using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.Customers.Commands.RevokeApiToken;
using OneTimeSecret.Application.Customers.Commands.SignUp;
using OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;
using OneTimeSecret.Application.Customers.Queries.GetAccount;
using OneTimeSecret.Application.Customers.Queries.SignIn;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Customers;

/// <summary>The account use cases of the browser: sign up, sign in, the account page, revoking a token.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class BrowserAccountTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private const string Password = "correct horse battery";

    private Task<Requester> SignUpAsync(string custId, string password = Password) =>
        HandleAsync<SignUpCommandHandler, Requester>(h => h.Handle(new SignUpCommand(custId, password), CancellationToken.None));

    private Task<Requester?> SignInAsync(string custId, string password) =>
        HandleAsync<SignInQueryHandler, Requester?>(h => h.Handle(new SignInQuery(custId, password), CancellationToken.None));

    private Task<AccountDto> AccountAsync(Requester requester) =>
        HandleAsync<GetAccountQueryHandler, AccountDto>(h => h.Handle(new GetAccountQuery(requester), CancellationToken.None));

    [Test]
    public async Task ShouldCreateABasicAccountWithoutTokens_AndSignItIn()
    {
        var requester = await SignUpAsync("Ada@Example.org");

        Assert.That(requester.CustId, Is.EqualTo("ada@example.org"));
        Assert.That(requester.PlanId, Is.EqualTo("basic"));
        Assert.That(requester.CustomerId, Is.Not.Null);
        var account = await AccountAsync(requester);
        Assert.That(account.ApiTokens, Is.Empty);
        Assert.That(account.Plan.MaxSecretLength, Is.EqualTo(10_000));
        var signedIn = await SignInAsync("ADA@example.org", Password);
        Assert.That(signedIn, Is.EqualTo(requester));
    }

    [Test]
    public async Task ShouldRefuseASecondAccountWithTheSameName()
    {
        await SignUpAsync("twice@example.org");

        var conflict = Assert.ThrowsAsync<ConflictException>(() => SignUpAsync(" TWICE@example.org "));

        Assert.That(conflict!.Message, Is.EqualTo(SignUpCommandHandler.AlreadyExists));
    }

    [Test]
    public async Task ShouldRefuseSignUp_WhenItIsSwitchedOff()
    {
        var options = Options.Create(new AccountOptions { AllowSignUp = false });
        await using var scope = Services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<SignUpCommandHandler>(scope.ServiceProvider, options);

        Assert.ThrowsAsync<ForbiddenException>(async () => await handler.Handle(new SignUpCommand("closed@example.org", Password), CancellationToken.None));
    }

    [TestCase("has space", Password, "custid")]
    [TestCase("anon", Password, "reserved")]
    [TestCase("ok@example.org", "short", "at least 10")]
    [TestCase("", Password, "custid is required")]
    public void ShouldRejectInvalidSignUps(string custId, string password, string expected)
    {
        var validator = new SignUpCommandValidator(Options.Create(new AccountOptions()));

        var result = validator.Validate(new SignUpCommand(custId, password));

        Assert.That(result.IsValid, Is.False);
        Assert.That(string.Join(" | ", result.Errors.Select(e => e.ErrorMessage)), Does.Contain(expected));
    }

    [Test]
    public async Task ShouldRefuseAWrongPassword_AnUnknownAccount_AndAnAccountWithoutAPassword()
    {
        await SignUpAsync("known@example.org");
        await HandleAsync<AddCustomerCommandHandler, IssuedApiToken>(h => h.Handle(new AddCustomerCommand("cli-only", "basic"), CancellationToken.None));

        Assert.That(await SignInAsync("known@example.org", "wrong password!"), Is.Null);
        Assert.That(await SignInAsync("unknown@example.org", Password), Is.Null);
        Assert.That(await SignInAsync("cli-only", Password), Is.Null);
        Assert.That(await SignInAsync("known@example.org", ""), Is.Null);
        Assert.That(await SignInAsync(new string('x', 300), Password), Is.Null);
    }

    [Test]
    public async Task ShouldRevokeOnlyTheChosenToken_OfTheRequestersOwnAccount()
    {
        var owner = await SignUpAsync("owner@example.org");
        var other = await SignUpAsync("other@example.org");
        var first = await HandleAsync<IssueApiTokenCommandHandler, IssuedApiToken>(h => h.Handle(new IssueApiTokenCommand(owner.CustId), CancellationToken.None));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await HandleAsync<IssueApiTokenCommandHandler, IssuedApiToken>(h => h.Handle(new IssueApiTokenCommand(owner.CustId), CancellationToken.None));
        var tokens = (await AccountAsync(owner)).ApiTokens;
        Assert.That(tokens, Has.Count.EqualTo(2));
        var firstId = tokens[^1].Id;

        var byOther = await HandleAsync<RevokeApiTokenCommandHandler, bool>(h => h.Handle(new RevokeApiTokenCommand(other, firstId), CancellationToken.None));
        var byOwner = await HandleAsync<RevokeApiTokenCommandHandler, bool>(h => h.Handle(new RevokeApiTokenCommand(owner, firstId), CancellationToken.None));
        var again = await HandleAsync<RevokeApiTokenCommandHandler, bool>(h => h.Handle(new RevokeApiTokenCommand(owner, firstId), CancellationToken.None));

        Assert.That(byOther, Is.False);
        Assert.That(byOwner, Is.True);
        Assert.That(again, Is.False);
        Assert.That(await AuthenticateAsync(owner.CustId, first.ApiToken), Is.Null);
        Assert.That(await AuthenticateAsync(owner.CustId, second.ApiToken), Is.Not.Null);
        var after = (await AccountAsync(owner)).ApiTokens;
        Assert.That(after.Single(t => t.Id == firstId).IsActive, Is.False);
        Assert.ThrowsAsync<NotAuthorizedException>(() =>
            HandleAsync<RevokeApiTokenCommandHandler, bool>(h => h.Handle(new RevokeApiTokenCommand(Requester.Anonymous, firstId), CancellationToken.None)));
    }

    [Test]
    public async Task ShouldListTheAccountsRecentSecretsWithStates_ButNoSecretKey()
    {
        var owner = await SignUpAsync("lister@example.org");
        var shared = await ShareAsync("mine", requester: owner);
        await ShareAsync("anonymous");

        var account = await AccountAsync(owner);

        var recent = account.RecentSecrets.Single();
        Assert.That(recent.MetadataKey, Is.EqualTo(shared.MetadataKey));
        Assert.That(recent.SecretKey, Is.Null);
        Assert.That(recent.State, Is.EqualTo(SecretState.New));
        Assert.That(account.Customer.SecretsCreated, Is.EqualTo(1));
        Assert.ThrowsAsync<NotAuthorizedException>(() => AccountAsync(Requester.Anonymous));
    }

    private Task<Requester?> AuthenticateAsync(string custId, string token) =>
        HandleAsync<AuthenticateApiClientQueryHandler, Requester?>(h => h.Handle(new AuthenticateApiClientQuery(custId, token), CancellationToken.None));
}
