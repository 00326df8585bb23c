namespace OneTimeSecret.Domain.Customers;

/// <summary>The plans the service knows; their limits come from configuration.</summary>
public static class PlanIds
{
    public const string Anonymous = "anonymous";

    public const string Basic = "basic";

    public static IReadOnlyList<string> All { get; } = [Anonymous, Basic];
}
