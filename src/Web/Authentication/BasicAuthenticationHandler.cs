using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;
using OneTimeSecret.Web.RateLimiting;

namespace OneTimeSecret.Web.Authentication;

/// <summary>
/// HTTP basic authentication with <c>custid:apitoken</c>. No header means anonymous; a header that does not hold
/// valid credentials fails (and the API answers 401, never anonymous). Each failure spends the client address's
/// <see cref="ApiCredentialBudget"/>; while it is spent no credential is checked and the API answers 429.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ISender sender,
    ApiCredentialBudget failureBudget) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    /// <summary>The <c>HttpContext.Items</c> key that holds how long to wait, when the failure budget is spent.</summary>
    public const string BudgetSpentItem = "ots:basic-auth-budget-spent";

    private const int MaxHeaderLength = 1_024;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("Authorization", out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var client = ClientPartition.ForAddress(Context.Connection.RemoteIpAddress);
        if (failureBudget.IsSpent(client, out var retryAfter))
        {
            Context.Items[BudgetSpentItem] = retryAfter;
            return AuthenticateResult.Fail("Too many failed authentications");
        }

        if (values.Count != 1 || values[0] is not { } header || header.Length > MaxHeaderLength
            || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            || !TryDecode(header["Basic ".Length..].Trim(), out var custId, out var apiToken))
        {
            failureBudget.RecordFailure(client);
            return AuthenticateResult.Fail("Malformed credentials");
        }

        var requester = await sender.Send(new AuthenticateApiClientQuery(custId, apiToken), Context.RequestAborted);
        if (requester is null)
        {
            failureBudget.RecordFailure(client);
            return AuthenticateResult.Fail("Wrong credentials");
        }

        var principal = RequesterPrincipal.Create(requester, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>
    /// The challenge goes only to a caller that sent credentials: challenged without any, a browser prompts for a
    /// password and then sends the cached credentials with every later call, cross-site ones included.
    /// </summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Headers.ContainsKey("Authorization"))
        {
            Response.Headers.WWWAuthenticate = "Basic realm=\"OneTimeSecret\", charset=\"UTF-8\"";
        }

        return base.HandleChallengeAsync(properties);
    }

    private static bool TryDecode(string encoded, out string custId, out string apiToken)
    {
        custId = apiToken = string.Empty;
        Span<byte> buffer = stackalloc byte[MaxHeaderLength];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer[..length]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            return false;
        }

        custId = decoded[..colon];
        apiToken = decoded[(colon + 1)..];
        return true;
    }
}

/// <summary>Carries a <see cref="Requester"/> in a claims principal.</summary>
public static class RequesterPrincipal
{
    public const string CustomerIdClaim = "ots:customer_id";
    public const string PlanClaim = "ots:plan";

    public static ClaimsPrincipal Create(Requester requester, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, requester.CustId),
                new Claim(CustomerIdClaim, requester.CustomerId?.ToString() ?? string.Empty),
                new Claim(PlanClaim, requester.PlanId),
            ],
            authenticationType);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The requester behind a principal; anonymous when it is not an authenticated customer.</summary>
    public static Requester ToRequester(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(CustomerIdClaim), out var customerId))
        {
            return Requester.Anonymous;
        }

        return new Requester(
            principal.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
            customerId,
            principal.FindFirstValue(PlanClaim) ?? Domain.Customers.PlanIds.Basic);
    }
}
