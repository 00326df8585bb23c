using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Requests.Common;
using OneTimeSecret.Domain.Requests;

namespace OneTimeSecret.Application.Requests.Commands.CancelSecretRequest;

/// <summary>The requester withdraws an open request; its link answers "unknown request" from now on.</summary>
public sealed record CancelSecretRequestCommand(Requester Requester, string RequestKey) : ICommand<SecretRequestDto>;

public sealed class CancelSecretRequestCommandHandler(
    IApplicationDbContext db,
    SecretRequestReader reader,
    TimeProvider clock) : ICommandHandler<CancelSecretRequestCommand, SecretRequestDto>
{
    public const string NotOpen = "Only an open request can be cancelled";

    public async ValueTask<SecretRequestDto> Handle(CancelSecretRequestCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Requester.CustomerId is not { } customerId)
        {
            throw new NotAuthorizedException();
        }

        var request = await reader.FindOwnedAsync(command.RequestKey, customerId, cancellationToken);
        var now = clock.GetUtcNow();

        // Conditional on the row, so that an answer landing at the same moment is never overwritten: one of the two
        // wins. The row stays (cancelled) until its retention ends, like an expired request.
        var cancelled = await db.SecretRequests
            .Where(r => r.Id == request.Id)
            .Where(SecretRequest.AnswerableAt(now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.State, SecretRequestState.Cancelled)
                    .SetProperty(r => r.UpdatedAt, now),
                cancellationToken);
        if (cancelled != 1)
        {
            throw new ConflictException(NotOpen);
        }

        var current = await db.SecretRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id, cancellationToken);
        return await reader.ToDtoAsync(current, now, withSecretKeys: false, cancellationToken);
    }
}
