using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneTimeSecret.Infrastructure.Crypto;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Crypto;

public sealed class AesGcmSecretCipherTests
{
    private const string SecretKey = "0123456789abcdefghijklmnopqrstu";
    private const string MetadataKey = "utsrqponmlkjihgfedcba9876543210";

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static AesGcmSecretCipher Cipher(string masterKey, params string[] previous)
    {
        var options = new EncryptionOptions { MasterKey = masterKey };
        foreach (var key in previous)
        {
            options.PreviousMasterKeys.Add(key);
        }

        return new AesGcmSecretCipher(new MasterKeyRing(Options.Create(options), NullLogger<MasterKeyRing>.Instance));
    }

    [Test]
    public void ShouldRoundTripTheValue_WhenTheSameKeyAndPassphraseAreUsed()
    {
        var cipher = Cipher(NewKey());

        var ciphertext = cipher.EncryptValue("tëst 🔑", SecretKey, "pass");

        Assert.That(cipher.DecryptValue(ciphertext, SecretKey, "pass"), Is.EqualTo("tëst 🔑"));
    }

    [Test]
    public void ShouldProduceDifferentCiphertexts_WhenTheSameValueIsEncryptedTwice()
    {
        var cipher = Cipher(NewKey());

        var first = cipher.EncryptValue("same", SecretKey, null);
        var second = cipher.EncryptValue("same", SecretKey, null);

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void ShouldFail_WhenThePassphraseTheSecretKeyOrTheMasterKeyIsWrong()
    {
        var masterKey = NewKey();
        var cipher = Cipher(masterKey);
        var ciphertext = cipher.EncryptValue("value", SecretKey, "pass");

        Assert.Throws<AuthenticationTagMismatchException>(() => cipher.DecryptValue(ciphertext, SecretKey, "Pass"));
        Assert.Throws<AuthenticationTagMismatchException>(() => cipher.DecryptValue(ciphertext, SecretKey, null));
        Assert.Throws<AuthenticationTagMismatchException>(() => cipher.DecryptValue(ciphertext, MetadataKey, "pass"));
        Assert.Throws<CryptographicException>(() => Cipher(NewKey()).DecryptValue(ciphertext, SecretKey, "pass"));
    }

    [Test]
    public void ShouldDetectTampering_WhenAnyByteChanges()
    {
        var cipher = Cipher(NewKey());
        var ciphertext = cipher.EncryptValue("value", SecretKey, null);

        for (var i = 5; i < ciphertext.Length; i++)
        {
            var tampered = (byte[])ciphertext.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<AuthenticationTagMismatchException>(() => cipher.DecryptValue(tampered, SecretKey, null), $"byte {i}");
        }
    }

    [Test]
    public void ShouldSeparatePurposes_WhenTheSameMaterialEncryptsAValueAndAKey()
    {
        var cipher = Cipher(NewKey());
        var encryptedKey = cipher.EncryptSecretKey(SecretKey, MetadataKey);

        Assert.That(cipher.DecryptSecretKey(encryptedKey, MetadataKey), Is.EqualTo(SecretKey));
        Assert.Throws<AuthenticationTagMismatchException>(() => cipher.DecryptValue(encryptedKey, MetadataKey, null));
    }

    [Test]
    public void ShouldBindTheMetadataKeyToItsAccount()
    {
        var cipher = Cipher(NewKey());
        var owner = Guid.NewGuid();
        var encrypted = cipher.EncryptMetadataKey(MetadataKey, owner);

        Assert.That(cipher.DecryptMetadataKey(encrypted, owner), Is.EqualTo(MetadataKey));
        Assert.Throws<AuthenticationTagMismatchException>(() => cipher.DecryptMetadataKey(encrypted, Guid.NewGuid()));
    }

    [Test]
    public void ShouldStillDecryptOldCiphertexts_WhenTheMasterKeyIsRotated()
    {
        var oldKey = NewKey();
        var newKey = NewKey();
        var before = Cipher(oldKey).EncryptValue("from before", SecretKey, null);
        var rotated = Cipher(newKey, oldKey);

        var after = rotated.EncryptValue("from after", SecretKey, null);

        Assert.That(rotated.DecryptValue(before, SecretKey, null), Is.EqualTo("from before"));
        Assert.That(after.AsSpan(1, 4).ToArray(), Is.Not.EqualTo(before.AsSpan(1, 4).ToArray()), "the new key id is written");
        Assert.Throws<CryptographicException>(() => Cipher(oldKey).DecryptValue(after, SecretKey, null));
    }

    [Test]
    public void ShouldRefuseUnknownFormats_WhenTheCiphertextIsTruncatedOrForeign()
    {
        var cipher = Cipher(NewKey());

        Assert.Throws<CryptographicException>(() => cipher.DecryptValue([1, 2, 3], SecretKey, null));
        var foreign = cipher.EncryptValue("x", SecretKey, null);
        foreign[0] = 9;
        Assert.Throws<CryptographicException>(() => cipher.DecryptValue(foreign, SecretKey, null));
    }
}
