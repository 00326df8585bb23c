using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Requests.Common;

namespace OneTimeSecret.Application.Requests.Queries.GetRequestForm;

/// <summary>
/// What the sender's page shows for an answerable request: the requester's account name, whether its address is
/// confirmed, and the note. A request that
/// is answered, cancelled, expired or unknown is "unknown request", all alike.
/// </summary>
public sealed record GetRequestFormQuery(string RequestKey) : IQuery<RequestFormDto>;

public sealed class GetRequestFormQueryHandler(IApplicationDbContext db, SecretRequestReader reader, TimeProvider clock)
    : IQueryHandler<GetRequestFormQuery, RequestFormDto>
{
    public async ValueTask<RequestFormDto> Handle(GetRequestFormQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = await reader.FindAsync(query.RequestKey, cancellationToken);
        if (request is null || !request.IsAnswerableAt(clock.GetUtcNow()))
        {
            throw new RequestNotFoundException();
        }

        // The account's name is its custid; the sender is told whether the server vouches for it.
        var requester = await db.Customers
            .AsNoTracking()
            .Where(c => c.Id == request.CustomerId)
            .Select(c => new { c.CustId, Confirmed = c.EmailVerifiedAt != null })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new RequestNotFoundException();
        return new RequestFormDto(requester.CustId, requester.Confirmed, reader.Note(request));
    }
}
