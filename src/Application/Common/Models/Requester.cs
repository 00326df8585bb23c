using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Common.Models;

/// <summary>Who sends a command: an authenticated customer or an anonymous caller.</summary>
public sealed record Requester(string CustId, Guid? CustomerId, string PlanId)
{
    public static Requester Anonymous { get; } = new(Customer.AnonymousCustId, null, PlanIds.Anonymous);

    public bool IsAnonymous => CustomerId is null;
}
