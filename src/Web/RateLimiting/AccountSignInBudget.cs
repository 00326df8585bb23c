using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Infrastructure.RateLimiting;

namespace OneTimeSecret.Web.RateLimiting;

/// <summary>
/// Failed password checks per target account (<c>RateLimits:SignInFailuresPerAccount</c>): a guesser who spreads
/// over many addresses still meets a limit on the account they aim at. Unknown account names get a budget like
/// known ones, so the answers tell nothing about which accounts exist.
/// </summary>
public sealed class AccountSignInBudget(IOptions<RateLimitingOptions> options, IWindowCounters counters) : FailureBudget(options, counters)
{
    protected override string Name => "signin-account";

    protected override RateLimitBudget Budget(RateLimitingOptions settings) => settings.SignInFailuresPerAccount;

    /// <summary>The key of a custid as typed: normalized like the account's own; none for what no account can be.</summary>
    public static string? KeyOf(string? custId) =>
        custId is { Length: > 0 and <= Customer.MaxCustIdLength } ? Customer.NormalizeCustId(custId) : null;
}

/// <summary>
/// Failed HTTP basic authentications per client address (an IPv6 client by /64), <c>RateLimits:ApiAuthFailures</c>:
/// API tokens cannot be guessed faster than this.
/// </summary>
public sealed class ApiCredentialBudget(IOptions<RateLimitingOptions> options, IWindowCounters counters) : FailureBudget(options, counters)
{
    protected override string Name => "api-auth";

    protected override RateLimitBudget Budget(RateLimitingOptions settings) => settings.ApiAuthFailures;
}
