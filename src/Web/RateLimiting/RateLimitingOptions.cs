using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Web.RateLimiting;

/// <summary>
/// Request budgets per client (the account when authenticated, else the address), from the <c>RateLimits</c>
/// configuration section. Each kind of request has its own budget; the budget of passphrase checks, in the same
/// section, belongs to the reveal use case (<see cref="PassphraseAttemptOptions"/>).
/// </summary>
public sealed class RateLimitingOptions
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
    [ValidateObjectMembers]
    public RateLimitBudget Create { get; set; } = new() { PermitLimit = 100, WindowSeconds = 60 };

    [Required]
    [ValidateObjectMembers]
    public RateLimitBudget Generate { get; set; } = new() { PermitLimit = 100, WindowSeconds = 60 };

    /// <summary>Reveals, successful or not: bounds key guessing.</summary>
    [Required]
    [ValidateObjectMembers]
    public RateLimitBudget Reveal { get; set; } = new() { PermitLimit = 100, WindowSeconds = 60 };

    [Required]
    [ValidateObjectMembers]
    public RateLimitBudget SignIn { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };

    /// <summary>
    /// Failed password checks per target account, from any number of addresses; while spent, that account's
    /// password is not checked at all (see <c>AccountSignInBudget</c>).
    /// </summary>
    [Required]
    [ValidateObjectMembers]
    public RateLimitBudget SignInFailuresPerAccount { get; set; } = new() { PermitLimit = 20, WindowSeconds = 900 };

    /// <summary>Failed HTTP basic authentications per client address; while spent, the API answers 429.</summary>
    [Required]
    [ValidateObjectMembers]
    public RateLimitBudget ApiAuthFailures { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };
}

/// <summary>The data-annotation checks of <see cref="RateLimitingOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class RateLimitingOptionsAnnotationValidator : IValidateOptions<RateLimitingOptions>;
