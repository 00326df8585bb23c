using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Application.Customers.Queries.GetCustomer;

/// <summary>The record of the authenticated customer (the API's authcheck).</summary>
public sealed record GetCustomerQuery(Requester Requester) : IQuery<CustomerDto>;

public sealed class GetCustomerQueryHandler(IApplicationDbContext db) : IQueryHandler<GetCustomerQuery, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(GetCustomerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Requester.CustomerId is not { } customerId)
        {
            throw new NotAuthorizedException();
        }

        var customer = await db.Customers
            .AsNoTracking()
            .Include(c => c.ApiTokens)
            .SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotAuthorizedException();
        return customer.ToCustomerDto();
    }
}
