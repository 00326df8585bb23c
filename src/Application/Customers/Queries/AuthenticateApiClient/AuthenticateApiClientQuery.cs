using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;

/// <summary>Checks HTTP basic credentials <c>custid:apitoken</c>; answers the requester, or null when they are wrong.</summary>
public sealed record AuthenticateApiClientQuery(string CustId, string ApiToken) : IQuery<Requester?>;

public sealed class AuthenticateApiClientQueryHandler(IApplicationDbContext db, IKeyHasher keyHasher)
    : IQueryHandler<AuthenticateApiClientQuery, Requester?>
{
    public async ValueTask<Requester?> Handle(AuthenticateApiClientQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var presentedHash = keyHasher.Hash(query.ApiToken);
        if (query.CustId.Length is 0 or > Customer.MaxCustIdLength)
        {
            return null;
        }

        var custId = Customer.NormalizeCustId(query.CustId);
        var customer = await db.Customers
            .AsNoTracking()
            .Where(c => c.CustId == custId)
            .Select(c => new
            {
                c.Id,
                c.CustId,
                c.PlanId,
                TokenHashes = c.ApiTokens.Where(t => t.RevokedAt == null).Select(t => t.TokenHash).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }

        // Every active token is compared, each in constant time, so timing tells nothing about which one matched.
        var matched = false;
        foreach (var storedHash in customer.TokenHashes)
        {
            matched |= keyHasher.HashesEqual(presentedHash, storedHash);
        }

        return matched ? new Requester(customer.CustId, customer.Id, customer.PlanId) : null;
    }
}
