using System.ComponentModel.DataAnnotations;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>
/// The per-client budget of passphrase checks, from the <c>RateLimits</c> section that also holds the web layer's
/// request budgets: the reveal use case takes it before each bcrypt verification, wherever the reveal comes from.
/// </summary>
public sealed class PassphraseAttemptOptions : IValidatableObject
{
    public const string SectionName = "RateLimits";

    /// <summary>The one switch for every budget of the <c>RateLimits</c> section, this one included.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Passphrase checks (each is a bcrypt verification): bounds passphrase guessing and the CPU it costs.</summary>
    [Required]
    public RateLimitBudget PassphraseAttempts { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };

    /// <summary>Data annotations do not look inside nested objects, so the budget is checked here.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(PassphraseAttempts, new ValidationContext(PassphraseAttempts), results, validateAllProperties: true);
        return results.Select(result => new ValidationResult($"{SectionName}:{nameof(PassphraseAttempts)}: {result.ErrorMessage}"));
    }
}
