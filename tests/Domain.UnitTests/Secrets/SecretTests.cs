using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Domain.UnitTests.Secrets;

public sealed class SecretTests
{
    private const long Ttl = 3_600;

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void ShouldBeNewAndRevealable_WhenJustCreated()
    {
        var secret = NewSecret();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.State, Is.EqualTo(SecretState.New));
            Assert.That(secret.StateAt(Now), Is.EqualTo(SecretState.New));
            Assert.That(secret.IsRevealableAt(Now), Is.True);
            Assert.That(secret.CreatedAt, Is.EqualTo(Now));
            Assert.That(secret.UpdatedAt, Is.EqualTo(Now));
            Assert.That(secret.TtlSeconds, Is.EqualTo(Ttl));
            Assert.That(secret.ReceivedAt, Is.Null);
            Assert.That(secret.BurnedAt, Is.Null);
        }
    }

    [Test]
    public void ShouldStayNew_WhenOneSecondBeforeExpiry()
    {
        var secret = NewSecret();
        var justBefore = secret.SecretExpiresAt.AddSeconds(-1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.StateAt(justBefore), Is.EqualTo(SecretState.New));
            Assert.That(secret.IsRevealableAt(justBefore), Is.True);
        }
    }

    [Test]
    public void ShouldBeExpired_WhenPastSecretExpiresAtEvenBeforePurge()
    {
        var secret = NewSecret();

        using (Assert.EnterMultipleScope())
        {
            // The ciphertext is still there (nothing purged it), yet the secret is expired and not revealable.
            Assert.That(secret.Ciphertext, Is.Not.Null);
            Assert.That(secret.State, Is.EqualTo(SecretState.New));
            Assert.That(secret.StateAt(secret.SecretExpiresAt), Is.EqualTo(SecretState.Expired));
            Assert.That(secret.StateAt(secret.SecretExpiresAt.AddDays(1)), Is.EqualTo(SecretState.Expired));
            Assert.That(secret.IsRevealableAt(secret.SecretExpiresAt), Is.False);
        }
    }

    [Test]
    public void ShouldExpireAfterTtl_WhenCreated()
    {
        var secret = NewSecret();

        Assert.That(secret.SecretExpiresAt, Is.EqualTo(Now.AddSeconds(Ttl)));
    }

    [Test]
    public void ShouldCountDownSecretTtl_WhenTimePasses()
    {
        var secret = NewSecret();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.SecretTtlAt(Now), Is.EqualTo(Ttl));
            Assert.That(secret.SecretTtlAt(Now.AddSeconds(1_000)), Is.EqualTo(Ttl - 1_000));
            Assert.That(secret.SecretTtlAt(Now.AddSeconds(Ttl - 0.5)), Is.EqualTo(1), "a part of a second left rounds up");
        }
    }

    [Test]
    public void ShouldNeverReportNegativeTtl_WhenLongExpired()
    {
        var secret = NewSecret();
        var muchLater = Now.AddDays(365);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.SecretTtlAt(secret.SecretExpiresAt), Is.Zero);
            Assert.That(secret.SecretTtlAt(muchLater), Is.Zero);
            Assert.That(secret.MetadataTtlAt(muchLater), Is.Zero);
        }
    }

    [Test]
    public void ShouldKeepMetadataTwiceAsLongAsSecret_WhenCreated()
    {
        var secret = NewSecret();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.MetadataExpiresAt, Is.EqualTo(Now.AddSeconds(Ttl * Secret.MetadataLifetimeFactor)));
            Assert.That(Secret.MetadataLifetimeFactor, Is.EqualTo(2));
            Assert.That(secret.MetadataTtlAt(Now), Is.EqualTo(2 * Ttl));
        }
    }

    [Test]
    public void ShouldKeepMetadataAlive_WhenSecretHasExpired()
    {
        var secret = NewSecret();
        var atSecretExpiry = secret.SecretExpiresAt;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.IsMetadataAliveAt(atSecretExpiry), Is.True);
            Assert.That(secret.MetadataTtlAt(atSecretExpiry), Is.EqualTo(Ttl));
            Assert.That(secret.IsMetadataAliveAt(secret.MetadataExpiresAt.AddSeconds(-1)), Is.True);
            Assert.That(secret.IsMetadataAliveAt(secret.MetadataExpiresAt), Is.False);
        }
    }

    [Test]
    public void ShouldListEachRecipient_WhenCreatedWithRecipients()
    {
        string[] recipients = ["fr*****@e*****.org", "jo*****@e*****.com"];
        var secret = NewSecret(recipients: recipients);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.RecipientList, Is.EqualTo(recipients));
            Assert.That(secret.Recipients, Is.EqualTo("fr*****@e*****.org jo*****@e*****.com"));
        }
    }

    [Test]
    public void ShouldHaveEmptyRecipientList_WhenCreatedWithoutRecipients()
    {
        var secret = NewSecret(recipients: []);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.RecipientList, Is.Empty);
            Assert.That(secret.Recipients, Is.Empty);
        }
    }

    [Test]
    public void ShouldRequirePassphrase_WhenCreatedWithPassphraseHash()
    {
        var withPassphrase = NewSecret(passphraseHash: "$2a$10$hash");
        var without = NewSecret(passphraseHash: null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withPassphrase.PassphraseRequired, Is.True);
            Assert.That(withPassphrase.PassphraseHash, Is.EqualTo("$2a$10$hash"));
            Assert.That(without.PassphraseRequired, Is.False);
            Assert.That(without.PassphraseHash, Is.Null);
        }
    }

    [Test]
    public void ShouldKeepOwnerAndShareDomain_WhenCreated()
    {
        var owner = Guid.NewGuid();
        var secret = Secret.Create([1], [2], [3], [4], [5], null, owner, Ttl, [], "example.com", Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.CustomerId, Is.EqualTo(owner));
            Assert.That(secret.ShareDomain, Is.EqualTo("example.com"));
            Assert.That(secret.EncryptedMetadataKey, Is.EqualTo(new byte[] { 4 }));
            Assert.That(secret.Id, Is.Not.EqualTo(Guid.Empty));
        }
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void ShouldRefuse_WhenTtlIsNotPositive(long ttl)
    {
        Assert.That(() => NewSecret(ttl: ttl), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private static Secret NewSecret(long ttl = Ttl, string? passphraseHash = null, IReadOnlyCollection<string>? recipients = null) =>
        Secret.Create(
            secretKeyHash: [1, 2, 3],
            metadataKeyHash: [4, 5, 6],
            encryptedSecretKey: [7, 8, 9],
            encryptedMetadataKey: null,
            ciphertext: [10, 11, 12],
            passphraseHash: passphraseHash,
            customerId: null,
            ttlSeconds: ttl,
            obfuscatedRecipients: recipients ?? [],
            shareDomain: string.Empty,
            now: Now);
}
