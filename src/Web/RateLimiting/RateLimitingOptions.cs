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

    /// <summary>
    /// API requests handled at once per instance; more wait in a queue instead of starving the database connection
    /// pool, so a burst is served late rather than refused. Applies even when <see cref="Enabled"/> is false; 0 turns
    /// it off.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests that may wait for their turn; beyond it they are refused with 503.</summary>
    [Range(0, 1_000_000)]
    public int MaxQueuedRequests { get; set; } = 10_000;

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

    /// <summary>
    /// Failed password checks per target account, from any number of addresses; while spent, that account's
    /// password is not checked at all (see <c>AccountSignInBudget</c>).
    /// </summary>
    [Required]
    public RateLimitBudget SignInFailuresPerAccount { get; set; } = new() { PermitLimit = 20, WindowSeconds = 900 };

    /// <summary>Failed HTTP basic authentications per client address; while spent, the API answers 429.</summary>
    [Required]
    public RateLimitBudget ApiAuthFailures { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };

    /// <summary>Data annotations do not look inside nested objects, so each budget is checked here.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var budgets = new[]
        {
            (nameof(Create), Create), (nameof(Generate), Generate), (nameof(Reveal), Reveal),
            (nameof(PassphraseAttempts), PassphraseAttempts), (nameof(SignIn), SignIn),
            (nameof(SignInFailuresPerAccount), SignInFailuresPerAccount), (nameof(ApiAuthFailures), ApiAuthFailures),
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
