using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.Customers.Queries.GetSession;

/// <summary>
/// What a browser session is checked against on each request: the account's plan and security stamp; null when
/// the account is gone.
/// </summary>
public sealed record GetSessionQuery(Guid CustomerId) : IQuery<AccountSession?>;

/// <summary>The account's current plan, and the stamp a session cookie must carry to be valid.</summary>
public sealed record AccountSession(string PlanId, string SecurityStamp);

public sealed class GetSessionQueryHandler(IApplicationDbContext db) : IQueryHandler<GetSessionQuery, AccountSession?>
{
    public async ValueTask<AccountSession?> Handle(GetSessionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await db.Customers
            .AsNoTracking()
            .Where(c => c.Id == query.CustomerId)
            .Select(c => new AccountSession(c.PlanId, c.SecurityStamp))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
