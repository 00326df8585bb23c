using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.Customers.Commands.EndSessions;

/// <summary>
/// Ends every browser session of an account (sign-out, "sign out everywhere"): its security stamp changes, so every
/// cookie issued before is refused on its next request. Nothing happens when the account is gone.
/// </summary>
public sealed record EndSessionsCommand(Guid CustomerId) : ICommand;

public sealed class EndSessionsCommandHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<EndSessionsCommand>
{
    public async ValueTask<Unit> Handle(EndSessionsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == command.CustomerId, cancellationToken);
        if (customer is not null)
        {
            customer.RenewSecurityStamp(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
