using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Customers.Commands.RemoveCustomer;

/// <summary>
/// Remove an account and its API tokens. Secrets it already shared stay revealable by their links until they expire.
/// Returns false when there was no such account.
/// </summary>
public sealed record RemoveCustomerCommand(string CustId) : ICommand<bool>;

public sealed class RemoveCustomerCommandHandler(IApplicationDbContext db) : ICommandHandler<RemoveCustomerCommand, bool>
{
    public async ValueTask<bool> Handle(RemoveCustomerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var custId = Customer.NormalizeCustId(command.CustId);
        var customer = await db.Customers.Include(c => c.ApiTokens).SingleOrDefaultAsync(c => c.CustId == custId, cancellationToken);
        if (customer is null)
        {
            return false;
        }

        db.Customers.Remove(customer);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
