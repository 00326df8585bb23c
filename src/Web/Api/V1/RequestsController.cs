using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OneTimeSecret.Application.Requests.Commands.AnswerSecretRequest;
using OneTimeSecret.Application.Requests.Commands.CancelSecretRequest;
using OneTimeSecret.Application.Requests.Commands.CreateSecretRequest;
using OneTimeSecret.Application.Requests.Queries.GetSecretRequest;
using OneTimeSecret.Application.Requests.Queries.ListSecretRequests;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.RateLimiting;

namespace OneTimeSecret.Web.Api.V1;

/// <summary>
/// Requests for a secret: an account asks, anyone with the request's link answers once, and only the requester can
/// read the answer (an addition of this service; not on onetimesecret.com's API v1).
/// </summary>
[Route("api/v1/requests")]
[ApiExplorerSettings(IgnoreApi = false)]
[RawBodyParameters]
[WireFormat]
public sealed class RequestsController(ISender sender, WireMapper wire, PublicUrls urls) : ControllerBase
{
    /// <summary>Ask for a secret; 401 for anonymous callers. The answer's request_url is the link for the sender.</summary>
    [HttpPost("")]
    [ProducesResponseType<SecretRequestAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateSecretRequestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var created = await sender.Send(new CreateSecretRequestCommand(User.ToRequester(), request.Note, request.Ttl, request.SecretTtl), cancellationToken);
        return Ok(wire.Request(created));
    }

    /// <summary>The account's requests, newest first; 401 for anonymous callers.</summary>
    [HttpGet("")]
    [ProducesResponseType<IReadOnlyList<SecretRequestAnswer>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken cancellationToken)
    {
        var requests = await sender.Send(new ListSecretRequestsQuery(User.ToRequester()), cancellationToken);
        return Ok(wire.Requests(requests));
    }

    /// <summary>
    /// One request of the account; once answered, with the answered secret's metadata_key, secret_key and share_url.
    /// Anyone but the requester gets 404 <c>Unknown request</c>.
    /// </summary>
    [HttpGet("{requestKey}")]
    [ProducesResponseType<SecretRequestAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string requestKey, CancellationToken cancellationToken)
    {
        var request = await sender.Send(new GetSecretRequestQuery(User.ToRequester(), requestKey), cancellationToken);
        return Ok(wire.Request(request));
    }

    /// <summary>Withdraw an open request (409 when it is no longer open).</summary>
    [HttpPost("{requestKey}/cancel")]
    [ProducesResponseType<SecretRequestAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Cancel(string requestKey, CancellationToken cancellationToken)
    {
        var request = await sender.Send(new CancelSecretRequestCommand(User.ToRequester(), requestKey), cancellationToken);
        return Ok(wire.Request(request));
    }

    /// <summary>
    /// Send the requested secret; no account needed. Exactly one answer succeeds: every other one, and any later
    /// one, gets 404 <c>Unknown request</c>. The answer leads nowhere: no key, no link.
    /// </summary>
    [HttpPost("{requestKey}/answer")]
    [EnableRateLimiting(RateLimitPolicies.Create)]
    [ProducesResponseType<RequestAnsweredAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Answer(string requestKey, AnswerSecretRequestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await sender.Send(new AnswerSecretRequestCommand(requestKey, request.Secret, request.Passphrase, urls.EmailBaseUrl()), cancellationToken);
        return Ok(WireMapper.Answered());
    }
}
