using Mediator;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Requests.Common;

namespace OneTimeSecret.Application.Requests.Queries.GetSecretRequest;

/// <summary>
/// One request, for its requester only; once answered, with the keys of the answered secret. Anyone else gets
/// "unknown request", exactly like a key that names nothing.
/// </summary>
public sealed record GetSecretRequestQuery(Requester Requester, string RequestKey) : IQuery<SecretRequestDto>;

public sealed class GetSecretRequestQueryHandler(SecretRequestReader reader, TimeProvider clock)
    : IQueryHandler<GetSecretRequestQuery, SecretRequestDto>
{
    public async ValueTask<SecretRequestDto> Handle(GetSecretRequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Requester.CustomerId is not { } customerId)
        {
            throw new RequestNotFoundException();
        }

        var now = clock.GetUtcNow();
        var request = await reader.FindOwnedAsync(query.RequestKey, customerId, cancellationToken);
        if (request.RetainUntil <= now)
        {
            throw new RequestNotFoundException();
        }

        return await reader.ToDtoAsync(request, now, withSecretKeys: true, cancellationToken);
    }
}
