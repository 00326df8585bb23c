using System.ComponentModel.DataAnnotations;

namespace OneTimeSecret.Web.RateLimiting;

/// <summary>
/// Request budgets per client (the account when authenticated, else the address), from the <c>RateLimits</c>
/// configuration section. Each kind of request has its own budget.
/// </summary>
public sealed class RateLimitingOptions : IValidatableObject
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    [Required]
    public RateLimitBudget Create { get; set; } = new() { PermitLimit = 100, WindowSeconds = 60 };

    [Required]
    public RateLimitBudget Generate { get; set; } = new() { PermitLimit = 100, WindowSeconds = 60 };

    /// <summary>Reveals, successful or not: bounds key guessing.</summary>
    [Required]
    public RateLimitBudget Reveal { get; set; } = new() { PermitLimit = 100, WindowSeconds = 60 };

    /// <summary>Passphrase checks (each is a bcrypt verification): bounds passphrase guessing.</summary>
    [Required]
    public RateLimitBudget PassphraseAttempts { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };

    [Required]
    public RateLimitBudget SignIn { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };

    /// <summary>Data annotations do not look inside nested objects, so each budget is checked here.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var budgets = new[]
        {
            (nameof(Create), Create), (nameof(Generate), Generate), (nameof(Reveal), Reveal),
            (nameof(PassphraseAttempts), PassphraseAttempts), (nameof(SignIn), SignIn),
        };
        foreach (var (name, budget) in budgets)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(budget, new ValidationContext(budget), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{SectionName}:{name}: {result.ErrorMessage}");
            }
        }
    }
}

public sealed class RateLimitBudget
{
    [Range(1, 10_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; }
}
