using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.Customers.Queries.ListCustomers;

/// <summary>Every account, in custid order.</summary>
public sealed record ListCustomersQuery : IQuery<IReadOnlyList<CustomerDto>>;

public sealed class ListCustomersQueryHandler(IApplicationDbContext db) : IQueryHandler<ListCustomersQuery, IReadOnlyList<CustomerDto>>
{
    public async ValueTask<IReadOnlyList<CustomerDto>> Handle(ListCustomersQuery query, CancellationToken cancellationToken)
    {
        var customers = await db.Customers
            .AsNoTracking()
            .Include(c => c.ApiTokens)
            .OrderBy(c => c.CustId)
            .ToListAsync(cancellationToken);
        return customers.Select(c => c.ToCustomerDto()).ToList();
    }
}
