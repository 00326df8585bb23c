using Mediator;
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
        var customer = await AuthenticatedCustomer.LoadAsync(db, query.Requester, cancellationToken);
        return customer.ToCustomerDto();
    }
}
