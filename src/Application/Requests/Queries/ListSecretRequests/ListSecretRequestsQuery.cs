using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Requests.Common;

namespace OneTimeSecret.Application.Requests.Queries.ListSecretRequests;

/// <summary>
/// The account's requests, newest first (at most <c>Secrets:RecentLimit</c>), without the keys of answered secrets:
/// those are in the single request's answer and in the recent list.
/// </summary>
public sealed record ListSecretRequestsQuery(Requester Requester) : IQuery<IReadOnlyList<SecretRequestDto>>;

public sealed class ListSecretRequestsQueryHandler(
    IApplicationDbContext db,
    SecretRequestReader reader,
    TimeProvider clock,
    IOptions<SecretOptions> options) : IQueryHandler<ListSecretRequestsQuery, IReadOnlyList<SecretRequestDto>>
{
    public async ValueTask<IReadOnlyList<SecretRequestDto>> Handle(ListSecretRequestsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Requester.CustomerId is not { } customerId)
        {
            throw new NotAuthorizedException();
        }

        var now = clock.GetUtcNow();
        var requests = await db.SecretRequests
            .AsNoTracking()
            .Where(r => r.CustomerId == customerId && r.RetainUntil > now)
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Id)
            .Take(options.Value.RecentLimit)
            .ToListAsync(cancellationToken);
        var list = new List<SecretRequestDto>(requests.Count);
        foreach (var request in requests)
        {
            list.Add(await reader.ToDtoAsync(request, now, withSecretKeys: false, cancellationToken));
        }

        return list;
    }
}
