using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>
/// The per-client budget of passphrase checks, from the <c>RateLimits</c> section that also holds the web layer's
/// request budgets: the reveal use case takes it before each bcrypt verification, wherever the reveal comes from.
/// </summary>
public sealed class PassphraseAttemptOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>The one switch for every budget of the <c>RateLimits</c> section, this one included.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Passphrase checks (each is a bcrypt verification): bounds passphrase guessing and the CPU it costs.</summary>
    [Required]
    [ValidateObjectMembers]
    public RateLimitBudget PassphraseAttempts { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };
}

/// <summary>The data-annotation checks of <see cref="PassphraseAttemptOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class PassphraseAttemptOptionsAnnotationValidator : IValidateOptions<PassphraseAttemptOptions>;
