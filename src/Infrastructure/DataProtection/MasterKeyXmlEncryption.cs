using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Infrastructure.Crypto;

namespace OneTimeSecret.Infrastructure.DataProtection;

/// <summary>
/// Encrypts ASP.NET Core's data-protection keys (which sign cookies and antiforgery tokens) under the server's master
/// key before they are stored in the shared database, so a database dump does not give them away.
/// </summary>
public sealed class MasterKeyXmlEncryptor(AesGcmSecretCipher cipher) : IXmlEncryptor
{
    internal const string ElementName = "encryptedWithMasterKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var ciphertext = cipher.EncryptDataProtectionKey(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement(
            ElementName,
            new XComment(" A data-protection key, encrypted with the OneTimeSecret master key. "),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="MasterKeyXmlEncryptor"/> sealed (created by the data-protection system).</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var cipher = services.GetRequiredService<AesGcmSecretCipher>();
        var value = encryptedElement.Element("value")?.Value
            ?? throw new InvalidOperationException("The encrypted data-protection key has no value.");
        return XElement.Parse(cipher.DecryptDataProtectionKey(Convert.FromBase64String(value)));
    }
}
