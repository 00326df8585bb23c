using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Application.Customers.Commands.RevokeApiToken;

/// <summary>An account revokes one of its own API tokens; false when it has no such active token.</summary>
public sealed record RevokeApiTokenCommand(Requester Requester, Guid TokenId) : ICommand<bool>;

public sealed class RevokeApiTokenCommandHandler(IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<RevokeApiTokenCommand, bool>
{
    public async ValueTask<bool> Handle(RevokeApiTokenCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Requester.CustomerId is not { } customerId)
        {
            throw new NotAuthorizedException();
        }

        var customer = await db.Customers
            .Include(c => c.ApiTokens)
            .SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotAuthorizedException();
        if (!customer.RevokeApiToken(command.TokenId, clock.GetUtcNow()))
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
