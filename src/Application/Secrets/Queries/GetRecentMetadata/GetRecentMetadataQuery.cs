using Mediator;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application.Secrets.Queries.GetRecentMetadata;

/// <summary>
/// The customer's recent secrets, newest first, with <see cref="MetadataDto.SecretKey"/> always null: the list must
/// never become a way to collect links.
/// </summary>
public sealed record GetRecentMetadataQuery(Requester Requester) : IQuery<IReadOnlyList<MetadataDto>>;

public sealed class GetRecentMetadataQueryHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    TimeProvider clock,
    IOptions<SecretOptions> options)
    : IQueryHandler<GetRecentMetadataQuery, IReadOnlyList<MetadataDto>>
{
    public async ValueTask<IReadOnlyList<MetadataDto>> Handle(GetRecentMetadataQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Requester.CustomerId is not { } customerId)
        {
            throw new NotAuthorizedException();
        }

        return await RecentSecrets.ListAsync(db, cipher, customerId, query.Requester.CustId, clock.GetUtcNow(), options.Value.RecentLimit, cancellationToken);
    }
}
