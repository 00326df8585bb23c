using System.ComponentModel.DataAnnotations;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>The limits of each plan, from the <c>Plans</c> configuration section.</summary>
public sealed class PlanOptions : IValidatableObject
{
    public const string SectionName = "Plans";

    [Required]
    public PlanLimits Anonymous { get; set; } = new()
    {
        MaxSecretLength = 1_000,
        MaxTtlSeconds = 7 * 24 * 3600,
        MaxRecipients = 1,
    };

    [Required]
    public PlanLimits Basic { get; set; } = new()
    {
        MaxSecretLength = 10_000,
        MaxTtlSeconds = 30 * 24 * 3600,
        MaxRecipients = 5,
    };

    public PlanLimits For(string planId) => planId switch
    {
        PlanIds.Basic => Basic,
        _ => Anonymous,
    };

    /// <summary>Data annotations do not look inside nested objects, so each plan's limits are checked here.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, limits) in new[] { (nameof(Anonymous), Anonymous), (nameof(Basic), Basic) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(limits, new ValidationContext(limits), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult(
                    $"{SectionName}:{name}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}",
                    result.MemberNames.Select(member => $"{name}.{member}"));
            }
        }
    }
}

public sealed class PlanLimits
{
    /// <summary>The longest secret, in characters (Unicode scalar values).</summary>
    [Range(1, 1_000_000)]
    public int MaxSecretLength { get; set; }

    [Range(60, 10L * 365 * 24 * 3600)]
    public long MaxTtlSeconds { get; set; }

    [Range(0, 100)]
    public int MaxRecipients { get; set; }
}
