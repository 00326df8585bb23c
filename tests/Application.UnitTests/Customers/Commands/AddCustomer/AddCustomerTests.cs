using Moq;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.UnitTests.Customers.Commands.AddCustomer;

public sealed class AddCustomerTests : HandlerTestBase
{
    [Test]
    public async Task ShouldReturnTokenThatAuthenticates_WhenCustomerIsAdded()
    {
        var issued = await AddAsync(new AddCustomerCommand("fred@example.org", PlanIds.Basic));

        var requester = await AuthenticateAsync("fred@example.org", issued.ApiToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(issued.CustId, Is.EqualTo("fred@example.org"));
            Assert.That(issued.ApiToken, Has.Length.EqualTo(40).And.Match("^[0-9a-z]+$"));
            Assert.That(requester, Is.Not.Null);
            Assert.That(requester!.CustId, Is.EqualTo("fred@example.org"));
            Assert.That(requester.PlanId, Is.EqualTo(PlanIds.Basic));
            Assert.That(requester.IsAnonymous, Is.False);
        }
    }

    [Test]
    public async Task ShouldStoreNormalizedCustIdAndCreationTime_WhenCustomerIsAdded()
    {
        var issued = await AddAsync(new AddCustomerCommand("  Fred@Example.ORG ", PlanIds.Basic));

        var customer = await LoadCustomerAsync("fred@example.org");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(issued.CustId, Is.EqualTo("fred@example.org"));
            Assert.That(customer.CreatedAt, Is.EqualTo(Start));
            Assert.That(customer.ApiTokens, Has.Count.EqualTo(1));
            Assert.That(customer.ApiTokens.Single().IsActive, Is.True);
        }
    }

    [Test]
    public async Task ShouldStoreOnlyTheTokensHash_WhenCustomerIsAdded()
    {
        var issued = await AddAsync(new AddCustomerCommand("fred@example.org", PlanIds.Basic));

        var customer = await LoadCustomerAsync("fred@example.org");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.ApiTokens.Single().TokenHash, Is.EqualTo(KeyHasher.Hash(issued.ApiToken)));
            Assert.That(Database.Contains(issued.ApiToken), Is.False);
        }
    }

    [TestCase("fred@example.org")]
    [TestCase("FRED@example.org")]
    [TestCase(" fred@example.org")]
    public async Task ShouldThrowConflict_WhenCustIdAlreadyExists(string duplicate)
    {
        await AddAsync(new AddCustomerCommand("fred@example.org", PlanIds.Basic));

        Assert.ThrowsAsync<ConflictException>(() => AddAsync(new AddCustomerCommand(duplicate, PlanIds.Anonymous)));

        var customer = await LoadCustomerAsync("fred@example.org");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.PlanId, Is.EqualTo(PlanIds.Basic), "the existing account is untouched");
            Assert.That(Database.NewContext().Customers.Count(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ShouldStoreBcryptHashOfPassword_WhenPasswordGiven()
    {
        await AddAsync(new AddCustomerCommand("fred@example.org", PlanIds.Basic, "hunter2hunter2"));

        var customer = await LoadCustomerAsync("fred@example.org");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.PasswordHash, Does.StartWith("$2"));
            Assert.That(PassphraseHasher.Verify("hunter2hunter2", customer.PasswordHash!), Is.True);
            Assert.That(Database.Contains("hunter2hunter2"), Is.False);
        }
    }

    [TestCase(null)]
    [TestCase("")]
    public async Task ShouldNotHashAnything_WhenNoPasswordGiven(string? password)
    {
        var hasher = new Mock<IPassphraseHasher>(MockBehavior.Strict);

        await NewAddCustomerHandler(hasher.Object)
            .Handle(new AddCustomerCommand("fred@example.org", PlanIds.Basic, password), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            hasher.Verify(h => h.Hash(It.IsAny<string>()), Times.Never);
            Assert.That((await LoadCustomerAsync("fred@example.org")).PasswordHash, Is.Null);
        }
    }

    [Test]
    public async Task ShouldIssueDifferentTokens_WhenTwoCustomersAreAdded()
    {
        var fred = await AddAsync(new AddCustomerCommand("fred@example.org", PlanIds.Basic));
        var alice = await AddAsync(new AddCustomerCommand("alice@example.org", PlanIds.Basic));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fred.ApiToken, Is.Not.EqualTo(alice.ApiToken));
            Assert.That(await AuthenticateAsync("fred@example.org", alice.ApiToken), Is.Null, "a token works only for its account");
        }
    }

    private async Task<IssuedApiToken> AddAsync(AddCustomerCommand command) =>
        await NewAddCustomerHandler().Handle(command, CancellationToken.None);
}
