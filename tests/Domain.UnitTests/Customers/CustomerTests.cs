using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Domain.UnitTests.Customers;

public sealed class CustomerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase("fred@example.org", "fred@example.org")]
    [TestCase("  Fred@Example.ORG\t", "fred@example.org")]
    [TestCase("FRED", "fred")]
    public void ShouldTrimAndLowerCase_WhenNormalizingCustId(string custId, string expected)
    {
        Assert.That(Customer.NormalizeCustId(custId), Is.EqualTo(expected));
    }

    [Test]
    public void ShouldThrow_WhenNormalizingNull()
    {
        Assert.That(() => Customer.NormalizeCustId(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void ShouldStoreNormalizedCustIdAndPlan_WhenCreated()
    {
        var customer = Customer.Create(" Fred@Example.org ", PlanIds.Basic, "hash", Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.CustId, Is.EqualTo("fred@example.org"));
            Assert.That(customer.PlanId, Is.EqualTo(PlanIds.Basic));
            Assert.That(customer.PasswordHash, Is.EqualTo("hash"));
            Assert.That(customer.CreatedAt, Is.EqualTo(Now));
            Assert.That(customer.UpdatedAt, Is.EqualTo(Now));
            Assert.That(customer.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(customer.SecretsCreated, Is.Zero);
            Assert.That(customer.SecretsBurned, Is.Zero);
            Assert.That(customer.ApiTokens, Is.Empty);
        }
    }

    [TestCase("anon")]
    [TestCase("ANON")]
    [TestCase("  Anon ")]
    public void ShouldRefuse_WhenCustIdIsTheReservedAnonymousName(string custId)
    {
        Assert.That(
            () => Customer.Create(custId, PlanIds.Basic, null, Now),
            Throws.ArgumentException.With.Message.Contains("reserved"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void ShouldRefuse_WhenCustIdIsBlank(string custId)
    {
        Assert.That(() => Customer.Create(custId, PlanIds.Basic, null, Now), Throws.ArgumentException);
    }

    [Test]
    public void ShouldRefuse_WhenPlanIsBlank()
    {
        Assert.That(() => Customer.Create("fred", " ", null, Now), Throws.ArgumentException);
    }

    [Test]
    public void ShouldHoldActiveToken_WhenTokenAdded()
    {
        var customer = Customer.Create("fred", PlanIds.Basic, null, Now);
        var later = Now.AddMinutes(5);

        var token = customer.AddApiToken([1, 2, 3], later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.ApiTokens, Is.EquivalentTo(new[] { token }));
            Assert.That(token.IsActive, Is.True);
            Assert.That(token.CustomerId, Is.EqualTo(customer.Id));
            Assert.That(token.TokenHash, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(token.CreatedAt, Is.EqualTo(later));
            Assert.That(token.RevokedAt, Is.Null);
            Assert.That(customer.UpdatedAt, Is.EqualTo(later));
        }
    }

    [Test]
    public void ShouldRevokeEveryActiveToken_WhenRevokingAll()
    {
        var customer = Customer.Create("fred", PlanIds.Basic, null, Now);
        var first = customer.AddApiToken([1], Now);
        var second = customer.AddApiToken([2], Now);
        var later = Now.AddHours(1);

        var revoked = customer.RevokeAllApiTokens(later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(revoked, Is.EqualTo(2));
            Assert.That(first.IsActive, Is.False);
            Assert.That(second.IsActive, Is.False);
            Assert.That(first.RevokedAt, Is.EqualTo(later));
            Assert.That(customer.UpdatedAt, Is.EqualTo(later));
        }
    }

    [Test]
    public void ShouldNotCountOrReRevoke_WhenTokensAlreadyRevoked()
    {
        var customer = Customer.Create("fred", PlanIds.Basic, null, Now);
        var token = customer.AddApiToken([1], Now);
        customer.RevokeAllApiTokens(Now.AddHours(1));

        var revokedAgain = customer.RevokeAllApiTokens(Now.AddHours(2));
        token.Revoke(Now.AddHours(3));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(revokedAgain, Is.Zero);
            Assert.That(token.RevokedAt, Is.EqualTo(Now.AddHours(1)), "the first revocation time is kept");
        }
    }

    [Test]
    public void ShouldKeepNewTokenActive_WhenAddedAfterRevokingAll()
    {
        var customer = Customer.Create("fred", PlanIds.Basic, null, Now);
        var old = customer.AddApiToken([1], Now);
        customer.RevokeAllApiTokens(Now);

        var fresh = customer.AddApiToken([2], Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(old.IsActive, Is.False);
            Assert.That(fresh.IsActive, Is.True);
            Assert.That(customer.ApiTokens.Count(t => t.IsActive), Is.EqualTo(1));
        }
    }

    [Test]
    public void ShouldChangePlan_WhenPlanChanged()
    {
        var customer = Customer.Create("fred", PlanIds.Anonymous, null, Now);

        customer.ChangePlan(PlanIds.Basic, Now.AddDays(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.PlanId, Is.EqualTo(PlanIds.Basic));
            Assert.That(customer.UpdatedAt, Is.EqualTo(Now.AddDays(1)));
        }
    }

    [Test]
    public void ShouldBeVerified_WhenTheOperatorMakesTheAccount_AndUnverified_WhenItSignsUp()
    {
        Assert.That(Customer.Create("op@example.org", PlanIds.Basic, null, Now).IsEmailVerified, Is.True);
        var signedUp = Customer.Create("new@example.org", PlanIds.Basic, "hash", Now, emailVerified: false);
        Assert.That(signedUp.IsEmailVerified, Is.False);

        signedUp.StartEmailVerification([1, 2, 3], Now.AddHours(48), Now);

        Assert.That(signedUp.EmailVerificationTokenHash, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(signedUp.EmailVerificationExpiresAt, Is.EqualTo(Now.AddHours(48)));
    }
}
