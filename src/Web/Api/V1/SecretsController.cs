using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OneTimeSecret.Application.Secrets.Commands.GenerateSecret;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Documentation;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.RateLimiting;

namespace OneTimeSecret.Web.Api.V1;

[Route("api/v1")]
[ApiExplorerSettings(IgnoreApi = false)]
[RawBodyParameters]
public sealed class SecretsController(ISender sender, ApiV1Json json, PublicUrls urls) : ControllerBase
{
    /// <summary>Store a secret and answer its metadata (<c>create</c> is the same call).</summary>
    [HttpPost("share")]
    [HttpPost("create")]
    [EnableRateLimiting(RateLimitPolicies.Create)]
    [ApiRequest(typeof(ShareRequest))]
    [ProducesResponseType<MetadataResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Share(ApiParameters parameters, CancellationToken cancellationToken)
    {
        var created = await sender.Send(
            new ShareSecretCommand(
                User.ToRequester(),
                parameters.Get("secret"),
                parameters.Get("passphrase"),
                parameters.GetSeconds("ttl"),
                parameters.GetList("recipient"),
                parameters.Get("share_domain"),
                urls.ShareBaseUrl(parameters.Get("share_domain"))),
            cancellationToken);
        return Ok(json.Metadata(created.Metadata));
    }

    /// <summary>Generate a password, store it as a secret, and answer its metadata with the value.</summary>
    [HttpPost("generate")]
    [EnableRateLimiting(RateLimitPolicies.Generate)]
    [ApiRequest(typeof(GenerateRequest))]
    [ProducesResponseType<GeneratedResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Generate(ApiParameters parameters, CancellationToken cancellationToken)
    {
        var generated = await sender.Send(
            new GenerateSecretCommand(
                User.ToRequester(),
                parameters.Get("passphrase"),
                parameters.GetSeconds("ttl"),
                parameters.GetList("recipient"),
                parameters.Get("share_domain"),
                urls.ShareBaseUrl(parameters.Get("share_domain"))),
            cancellationToken);
        return Ok(json.Generated(generated.Created.Metadata, generated.Value));
    }

    /// <summary>Reveal a secret, once. The key is taken whole, even with slashes, so that any key gets the same answer.</summary>
    [HttpPost("secret/{**secretKey}")]
    [EnableRateLimiting(RateLimitPolicies.Reveal)]
    [ApiRequest(typeof(RevealRequest))]
    [ProducesResponseType<RevealResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Reveal(string? secretKey, ApiParameters parameters, CancellationToken cancellationToken)
    {
        var revealed = await sender.Send(new RevealSecretCommand(secretKey ?? string.Empty, parameters.Get("passphrase"), ClientPartition.For(HttpContext)), cancellationToken);
        return Ok(ApiV1Json.Revealed(revealed.SecretKey, revealed.Value, revealed.ShareDomain));
    }
}
