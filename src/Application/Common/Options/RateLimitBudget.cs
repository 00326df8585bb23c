using System.ComponentModel.DataAnnotations;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>A fixed-window budget: so many permits per client in so many seconds.</summary>
public sealed class RateLimitBudget
{
    [Range(1, 10_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; }
}
