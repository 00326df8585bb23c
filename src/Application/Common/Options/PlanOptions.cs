using System.ComponentModel.DataAnnotations;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>The limits of each plan, from the <c>Plans</c> configuration section.</summary>
public sealed class PlanOptions
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
