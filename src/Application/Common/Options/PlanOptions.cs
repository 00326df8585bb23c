using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>The limits of each plan, from the <c>Plans</c> configuration section.</summary>
public sealed class PlanOptions
{
    public const string SectionName = "Plans";

    [Required]
    [ValidateObjectMembers]
    public PlanLimits Anonymous { get; set; } = new()
    {
        MaxSecretLength = 1_000,
        MaxTtlSeconds = 7 * 24 * 3600,
        MaxRecipients = 1,
    };

    [Required]
    [ValidateObjectMembers]
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
}

/// <summary>The data-annotation checks of <see cref="PlanOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class PlanOptionsAnnotationValidator : IValidateOptions<PlanOptions>;

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
