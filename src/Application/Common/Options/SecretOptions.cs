using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>Rules for every secret, from the <c>Secrets</c> configuration section.</summary>
public sealed class SecretOptions
{
    public const string SectionName = "Secrets";

    /// <summary>The ttl when none (or no number) is given; capped by the plan's maximum.</summary>
    [Range(60, 10L * 365 * 24 * 3600)]
    public long DefaultTtlSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>Shorter ttls are raised to this.</summary>
    [Range(1, 3600)]
    public long MinTtlSeconds { get; set; } = 60;

    /// <summary>The longest passphrase accepted, in characters.</summary>
    [Range(1, 10_000)]
    public int MaxPassphraseLength { get; set; } = 1_024;

    /// <summary>After this many wrong passphrases the secret is destroyed (brute-force protection).</summary>
    [Range(1, 1_000)]
    public int MaxPassphraseAttempts { get; set; } = 10;

    /// <summary>Length of the passwords that <c>generate</c> makes when the request gives none.</summary>
    [Range(8, 128)]
    public int GeneratedPasswordLength { get; set; } = 12;

    /// <summary>How many recent secrets an account's list shows.</summary>
    [Range(1, 1_000)]
    public int RecentLimit { get; set; } = 100;

    /// <summary>
    /// Whether anonymous callers may give recipients. Off by default, like the live service: otherwise anyone could
    /// make this server email any address. For closed deployments where every caller is trusted.
    /// </summary>
    public bool AllowAnonymousRecipients { get; set; }

    /// <summary>
    /// Whether only accounts (signed in, or calling with an API token) may create secrets, generate passwords and ask
    /// for secrets. Reading a secret and answering a request by its link never need an account.
    /// </summary>
    public bool CreatorsMustSignIn { get; set; }

    /// <summary>
    /// Whether an account's secrets keep their metadata key encrypted under the master key and the account id, so the
    /// account's recent list links to each secret's page and <c>keys reencrypt</c> can move them to a new master key.
    /// Off: only the key's hash is stored, like an anonymous secret's, so nothing in the database (even with the master
    /// key) leads from a row to its secret key; the recent list then shows each entry's state and times without a
    /// link, and those secrets keep their master key until they expire. See ADR 0012.
    /// </summary>
    public bool RecoverableMetadataKeys { get; set; } = true;

    /// <summary>Domains a caller may name as <c>share_domain</c> for its links.</summary>
    public IList<string> ShareDomains { get; } = [];
}

/// <summary>The data-annotation checks of <see cref="SecretOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class SecretOptionsAnnotationValidator : IValidateOptions<SecretOptions>;
