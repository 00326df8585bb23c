using System.Text;
using Moq;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Application.UnitTests.TestSupport;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.UnitTests.Secrets.Commands.ShareSecret;

public sealed class ShareSecretTests : HandlerTestBase
{
    private const long Day = 24 * 3600;

    [Test]
    public async Task ShouldReturnTwoDistinctWellFormedKeys_WhenSecretIsShared()
    {
        var created = await ShareAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SecretKeyFormat.IsWellFormed(created.SecretKey), Is.True);
            Assert.That(SecretKeyFormat.IsWellFormed(created.MetadataKey), Is.True);
            Assert.That(created.SecretKey, Is.Not.EqualTo(created.MetadataKey));
            Assert.That(created.Metadata.SecretKey, Is.EqualTo(created.SecretKey));
            Assert.That(created.Metadata.MetadataKey, Is.EqualTo(created.MetadataKey));
            Assert.That(created.Metadata.State, Is.EqualTo(SecretState.New));
            Assert.That(created.Metadata.CustId, Is.EqualTo(Customer.AnonymousCustId));
            Assert.That(created.Metadata.Created, Is.EqualTo(Start));
        }
    }

    [Test]
    public async Task ShouldStoreOnlyHashesOfKeys_WhenSecretIsShared()
    {
        var created = await ShareAsync();

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.SecretKeyHash, Is.EqualTo(KeyHasher.Hash(created.SecretKey)));
            Assert.That(row.MetadataKeyHash, Is.EqualTo(KeyHasher.Hash(created.MetadataKey)));
            Assert.That(Cipher.DecryptSecretKey(row.EncryptedSecretKey, created.MetadataKey), Is.EqualTo(created.SecretKey));
        }
    }

    [Test]
    public async Task ShouldStoreNeitherKeysNorValueInClear_WhenSecretIsShared()
    {
        const string value = "correct horse battery staple";
        const string passphrase = "open sesame";
        var created = await ShareAsync(value, passphrase: passphrase);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Database.AllStoredValues(), Is.Not.Empty, "the scan must see the stored row");
            Assert.That(Database.Contains(value), Is.False, "value");
            Assert.That(Database.Contains(passphrase), Is.False, "passphrase");
            Assert.That(Database.Contains(created.SecretKey), Is.False, "secret key");
            Assert.That(Database.Contains(created.MetadataKey), Is.False, "metadata key");
        }
    }

    [Test]
    public async Task ShouldFindTheStoredValueInTheScan_WhenTheScanIsGivenWhatIsStored()
    {
        // Counter-example for the test above: the scan does find what really is in the database.
        var requester = await AddCustomerAsync("scan.me@example.org");
        await ShareAsync(requester: requester);

        Assert.That(Database.Contains("scan.me@example.org"), Is.True);
    }

    [TestCase(null, 7 * Day, TestName = "ShouldUseDefaultTtl_WhenNoTtlGiven")]
    [TestCase(10L, 60L, TestName = "ShouldRaiseTtlToMinimum_WhenTtlTooShort")]
    [TestCase(-5L, 7 * Day, TestName = "ShouldUseDefaultTtl_WhenTtlNegative")]
    [TestCase(0L, 7 * Day, TestName = "ShouldUseDefaultTtl_WhenTtlZero")]
    [TestCase(3600L, 3600L, TestName = "ShouldKeepTtl_WhenTtlWithinPlan")]
    [TestCase(365 * Day, 7 * Day, TestName = "ShouldLowerTtlToAnonymousPlanMaximum_WhenTtlTooLong")]
    public async Task ShouldClampTtl_WhenSharedAnonymously(long? requested, long expected)
    {
        var created = await ShareAsync(ttlSeconds: requested);

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Metadata.Ttl, Is.EqualTo(expected));
            Assert.That(created.Metadata.SecretTtl, Is.EqualTo(expected));
            Assert.That(created.Metadata.MetadataTtl, Is.EqualTo(expected * 2));
            Assert.That(row.TtlSeconds, Is.EqualTo(expected));
            Assert.That(row.SecretExpiresAt, Is.EqualTo(Start.AddSeconds(expected)));
            Assert.That(row.MetadataExpiresAt, Is.EqualTo(Start.AddSeconds(expected * 2)));
        }
    }

    [Test]
    public async Task ShouldAllowPlanMaximumTtl_WhenCustomerHasBasicPlan()
    {
        var requester = await AddCustomerAsync(planId: PlanIds.Basic);

        var created = await ShareAsync(requester: requester, ttlSeconds: 365 * Day);

        Assert.That(created.Metadata.Ttl, Is.EqualTo(30 * Day));
    }

    [Test]
    public async Task ShouldCapDefaultTtlByPlan_WhenDefaultExceedsPlanMaximum()
    {
        Plans.Anonymous.MaxTtlSeconds = 3600;

        var created = await ShareAsync(ttlSeconds: null);

        Assert.That(created.Metadata.Ttl, Is.EqualTo(3600));
    }

    [Test]
    public void ShouldThrowSecretTooLargeWithLimit_WhenValueExceedsAnonymousPlan()
    {
        var tooLong = new string('x', Plans.Anonymous.MaxSecretLength + 1);

        var exception = Assert.ThrowsAsync<SecretTooLargeException>(() => ShareAsync(tooLong));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.MaximumSize, Is.EqualTo(1_000));
            Assert.That(exception.Message, Does.Contain("1000"));
            Assert.That(Database.NewContext().Secrets.Count(), Is.Zero, "nothing is stored");
        }
    }

    [Test]
    public async Task ShouldAcceptValue_WhenExactlyAtPlanLimit()
    {
        var created = await ShareAsync(new string('x', Plans.Anonymous.MaxSecretLength));

        Assert.That((await RevealAsync(created.SecretKey)).Value, Has.Length.EqualTo(1_000));
    }

    [Test]
    public async Task ShouldAcceptLongerValue_WhenCustomerHasBasicPlan()
    {
        var requester = await AddCustomerAsync(planId: PlanIds.Basic);

        var created = await ShareAsync(new string('x', 5_000), requester: requester);

        Assert.That((await RevealAsync(created.SecretKey)).Value, Has.Length.EqualTo(5_000));
    }

    [Test]
    public async Task ShouldThrowSecretTooLarge_WhenValueExceedsBasicPlan()
    {
        var requester = await AddCustomerAsync(planId: PlanIds.Basic);

        var exception = Assert.ThrowsAsync<SecretTooLargeException>(() => ShareAsync(new string('x', 10_001), requester: requester));

        Assert.That(exception!.MaximumSize, Is.EqualTo(10_000));
    }

    [Test]
    public async Task ShouldCountCharactersNotUtf16Units_WhenValueHasEmoji()
    {
        // 1,000 emoji are 2,000 UTF-16 code units but 1,000 characters: within the anonymous limit.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F511", 1_000));

        var created = await ShareAsync(emoji);

        Assert.That((await RevealAsync(created.SecretKey)).Value, Is.EqualTo(emoji));
    }

    [Test]
    public void ShouldThrowForbidden_WhenMoreRecipientsThanPlanAllows()
    {
        SecretSettings.AllowAnonymousRecipients = true;
        var exception = Assert.ThrowsAsync<ForbiddenException>(
            () => ShareAsync(recipients: ["one@example.org", "two@example.org"]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("at most 1"));
            Assert.That(Database.NewContext().Secrets.Count(), Is.Zero, "nothing is stored");
        }
    }

    [Test]
    public void ShouldThrowForbidden_WhenPlanAllowsNoRecipients()
    {
        SecretSettings.AllowAnonymousRecipients = true;
        Plans.Anonymous.MaxRecipients = 0;

        var exception = Assert.ThrowsAsync<ForbiddenException>(() => ShareAsync(recipients: ["one@example.org"]));

        Assert.That(exception!.Message, Does.Contain("does not allow"));
    }

    [Test]
    public void ShouldRequireAnAccount_WhenAnAnonymousCallerGivesARecipient()
    {
        var exception = Assert.ThrowsAsync<ForbiddenException>(() => ShareAsync(recipients: ["one@example.org"]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Is.EqualTo("An account is required to send emails."));
            Assert.That(Database.NewContext().Secrets.Count(), Is.Zero, "nothing is stored");
            Assert.That(Database.NewContext().EmailNotifications.Count(), Is.Zero, "no email is queued");
        }
    }

    [Test]
    public async Task ShouldStoreObfuscatedRecipients_WhenRecipientsGiven()
    {
        var requester = await AddCustomerAsync("sender@example.net", PlanIds.Basic);

        var created = await ShareAsync(requester: requester, recipients: ["fred@example.org", "alice@example.com"]);

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Metadata.Recipients, Is.EqualTo(new List<string> { "fr*****@e*****.org", "al*****@e*****.com" }));
            Assert.That(row.RecipientList, Is.EqualTo(new List<string> { "fr*****@e*****.org", "al*****@e*****.com" }));
            Assert.That(Database.Contains("fred@example.org"), Is.False);
            Assert.That(Database.Contains("alice@example.com"), Is.False);
        }
    }

    [Test]
    public async Task ShouldIncrementSecretsCreated_WhenRequesterIsCustomer()
    {
        var requester = await AddCustomerAsync("fred@example.org");
        var other = await AddCustomerAsync("alice@example.org");

        await ShareAsync(requester: requester);
        await ShareAsync(requester: requester);
        await ShareAsync(requester: other);
        await ShareAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await LoadCustomerAsync("fred@example.org")).SecretsCreated, Is.EqualTo(2));
            Assert.That((await LoadCustomerAsync("alice@example.org")).SecretsCreated, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ShouldRecordOwner_WhenRequesterIsCustomer()
    {
        var requester = await AddCustomerAsync("fred@example.org");

        var created = await ShareAsync(requester: requester);

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.CustomerId, Is.EqualTo(requester.CustomerId));
            Assert.That(created.Metadata.CustId, Is.EqualTo("fred@example.org"));
            Assert.That(row.EncryptedMetadataKey, Is.Not.Null);
            Assert.That(Cipher.DecryptMetadataKey(row.EncryptedMetadataKey!, requester.CustomerId!.Value), Is.EqualTo(created.MetadataKey));
        }
    }

    [Test]
    public async Task ShouldKeepNoMetadataKey_WhenRequesterIsAnonymous()
    {
        var created = await ShareAsync();

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.EncryptedMetadataKey, Is.Null);
            Assert.That(row.CustomerId, Is.Null);
            Assert.That(created.Metadata.CustId, Is.EqualTo(Customer.AnonymousCustId));
        }
    }

    [Test]
    public async Task ShouldStoreBcryptHashOfPassphrase_WhenPassphraseGiven()
    {
        var created = await ShareAsync(passphrase: "open sesame");

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Metadata.PassphraseRequired, Is.True);
            Assert.That(row.PassphraseRequired, Is.True);
            Assert.That(row.PassphraseHash, Does.StartWith("$2"));
            Assert.That(PassphraseHasher.Verify("open sesame", row.PassphraseHash!), Is.True);
        }
    }

    [TestCase(null)]
    [TestCase("")]
    public async Task ShouldNotHashAnything_WhenNoPassphraseGiven(string? passphrase)
    {
        var hasher = new Mock<IPassphraseHasher>(MockBehavior.Strict);
        var handler = new ShareSecretCommandHandler(NewSecretCreator(hasher.Object));

        var created = await handler.Handle(
            new ShareSecretCommand(Requester.Anonymous, "value", passphrase, null, [], null),
            CancellationToken.None);

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            hasher.Verify(h => h.Hash(It.IsAny<string>()), Times.Never);
            Assert.That(row.PassphraseHash, Is.Null);
            Assert.That(row.PassphraseRequired, Is.False);
            Assert.That(created.Metadata.PassphraseRequired, Is.False);
        }
    }

    [Test]
    public async Task ShouldStoreShareDomain_WhenGiven()
    {
        var created = await ShareAsync(shareDomain: "secrets.example.com");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Metadata.ShareDomain, Is.EqualTo("secrets.example.com"));
            Assert.That((await RevealAsync(created.SecretKey)).ShareDomain, Is.EqualTo("secrets.example.com"));
        }
    }

    [Test]
    public async Task ShouldEncryptValueSoOnlyTheSecretKeyOpensIt_WhenShared()
    {
        var created = await ShareAsync("the value");

        var row = await LoadSecretAsync(created.MetadataKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Cipher.DecryptValue(row.Ciphertext!, created.SecretKey, null), Is.EqualTo("the value"));
            Assert.That(
                () => Cipher.DecryptValue(row.Ciphertext!, created.MetadataKey, null),
                Throws.InstanceOf<System.Security.Cryptography.CryptographicException>());
            Assert.That(row.Ciphertext!.AsSpan().IndexOf(Encoding.UTF8.GetBytes("the value")), Is.EqualTo(-1));
        }
    }
}
