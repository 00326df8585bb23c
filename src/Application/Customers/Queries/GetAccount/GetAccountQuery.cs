using Mediator;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application.Customers.Queries.GetAccount;

/// <summary>Everything the account page shows: the account, its plan's limits, its API tokens and recent secrets.</summary>
public sealed record GetAccountQuery(Requester Requester) : IQuery<AccountDto>;

public sealed record AccountDto(
    CustomerDto Customer,
    PlanLimitsDto Plan,
    IReadOnlyList<ApiTokenDto> ApiTokens,
    IReadOnlyList<MetadataDto> RecentSecrets);

public sealed record PlanLimitsDto(string PlanId, int MaxSecretLength, long MaxTtlSeconds, int MaxRecipients);

/// <summary>An API token as its owner may see it: never the token, which exists only as a hash.</summary>
public sealed record ApiTokenDto(Guid Id, DateTimeOffset Created, DateTimeOffset? Revoked)
{
    public bool IsActive => Revoked is null;
}

public sealed class GetAccountQueryHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    TimeProvider clock,
    IOptions<PlanOptions> planOptions,
    IOptions<SecretOptions> secretOptions) : IQueryHandler<GetAccountQuery, AccountDto>
{
    public async ValueTask<AccountDto> Handle(GetAccountQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var customer = await AuthenticatedCustomer.LoadAsync(db, query.Requester, cancellationToken);

        var limits = planOptions.Value.For(customer.PlanId);
        var tokens = customer.ApiTokens
            .OrderBy(t => t.RevokedAt is not null)
            .ThenByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenDto(t.Id, t.CreatedAt, t.RevokedAt))
            .ToList();
        var recent = await RecentSecrets.ListAsync(
            db, cipher, customer.Id, customer.CustId, clock.GetUtcNow(), secretOptions.Value.RecentLimit, cancellationToken);
        return new AccountDto(
            customer.ToCustomerDto(),
            new PlanLimitsDto(customer.PlanId, limits.MaxSecretLength, limits.MaxTtlSeconds, limits.MaxRecipients),
            tokens,
            recent);
    }
}
