using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>Rules for accounts made in the browser, from the <c>Accounts</c> configuration section.</summary>
public sealed class AccountOptions : IValidatableObject
{
    public const string SectionName = "Accounts";

    /// <summary>Whether anyone may create an account on the sign-up page. Off: only the command line makes accounts.</summary>
    public bool AllowSignUp { get; set; } = true;

    /// <summary>The plan of accounts made on the sign-up page.</summary>
    [Required]
    public string SignUpPlan { get; set; } = Domain.Customers.PlanIds.Basic;

    [Range(8, 1_024)]
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>Active API tokens an account may hold at once; one more is refused until one is revoked.</summary>
    [Range(1, 1_000)]
    public int MaxActiveApiTokens { get; set; } = 10;

    /// <summary>How long the link that confirms a new account's address works.</summary>
    [Range(1, 30 * 24)]
    public int EmailVerificationHours { get; set; } = 48;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Domain.Customers.PlanIds.All.Contains(SignUpPlan))
        {
            yield return new ValidationResult(
                $"Accounts:SignUpPlan must be one of: {string.Join(", ", Domain.Customers.PlanIds.All)}.",
                [nameof(SignUpPlan)]);
        }
    }
}

/// <summary>The data-annotation checks of <see cref="AccountOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class AccountOptionsAnnotationValidator : IValidateOptions<AccountOptions>;
