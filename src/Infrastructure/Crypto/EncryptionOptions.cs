using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Infrastructure.Crypto;

/// <summary>The server's master key and hashing cost, from the <c>Encryption</c> configuration section.</summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    public const int MasterKeyBytes = 32;

    /// <summary>The current master key: base64 of 32 random bytes (for example <c>openssl rand -base64 32</c>).</summary>
    public string? MasterKey { get; set; }

    /// <summary>Earlier master keys, still accepted for decryption after a rotation.</summary>
    public IList<string> PreviousMasterKeys { get; } = [];

    /// <summary>
    /// When no <see cref="MasterKey"/> is configured, read it from <see cref="MasterKeyFile"/>, creating the file
    /// with a new random key on first start. Meant for the zero-setup default (Development), never for production.
    /// </summary>
    public bool GenerateMasterKeyFile { get; set; }

    public string MasterKeyFile { get; set; } = "data/master.key";

    /// <summary>bcrypt cost for passphrases and passwords (2^N rounds).</summary>
    [Range(10, 20)]
    public int BcryptWorkFactor { get; set; } = 12;
}

/// <summary>The data-annotation checks of <see cref="EncryptionOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class EncryptionOptionsAnnotationValidator : IValidateOptions<EncryptionOptions>;
