using Mediator;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Behaviours;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application.Secrets.Queries.GetShareLimits;

/// <summary>What the requester's plan allows when sharing a secret, for the share form.</summary>
public sealed record GetShareLimitsQuery(Requester Requester) : IQuery<ShareLimits>;

/// <param name="DefaultTtlSeconds">The configured default ttl, already capped by the plan.</param>
/// <param name="MaxRecipients">The plan's recipients per secret; 0 for a caller who may not send emails at all.</param>
/// <param name="DefaultPasswordLength">The length of a generated password when none is chosen.</param>
/// <param name="SignInRequired">Whether this requester must sign in before creating anything (<c>Secrets:CreatorsMustSignIn</c>).</param>
public sealed record ShareLimits(
    string PlanId,
    int MaxSecretLength,
    long MinTtlSeconds,
    long MaxTtlSeconds,
    long DefaultTtlSeconds,
    int MaxRecipients,
    int MaxPassphraseLength,
    IReadOnlyList<string> ShareDomains,
    int DefaultPasswordLength,
    bool SignInRequired);

public sealed class GetShareLimitsQueryHandler(IOptions<PlanOptions> planOptions, IOptions<SecretOptions> secretOptions)
    : IQueryHandler<GetShareLimitsQuery, ShareLimits>
{
    public ValueTask<ShareLimits> Handle(GetShareLimitsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var plan = planOptions.Value.For(query.Requester.PlanId);
        var secrets = secretOptions.Value;
        var maxTtl = Math.Max(secrets.MinTtlSeconds, plan.MaxTtlSeconds);
        return ValueTask.FromResult(new ShareLimits(
            query.Requester.PlanId,
            plan.MaxSecretLength,
            secrets.MinTtlSeconds,
            maxTtl,
            Math.Clamp(secrets.DefaultTtlSeconds, secrets.MinTtlSeconds, maxTtl),
            SecretInputRules.MaySendEmails(query.Requester, secrets) ? plan.MaxRecipients : 0,
            secrets.MaxPassphraseLength,
            secrets.ShareDomains.ToList(),
            secrets.GeneratedPasswordLength,
            CreatorSignIn.Refuses(query.Requester, secrets)));
    }
}
