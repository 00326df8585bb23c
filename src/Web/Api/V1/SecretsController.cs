using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OneTimeSecret.Application.Secrets.Commands.GenerateSecret;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.RateLimiting;

namespace OneTimeSecret.Web.Api.V1;

[Route("api/v1")]
[ApiExplorerSettings(IgnoreApi = false)]
[RawBodyParameters]
[WireFormat]
public sealed class SecretsController(ISender sender, WireMapper wire, PublicUrls urls) : ControllerBase
{
    /// <summary>Store a secret and answer its metadata (<c>create</c> is the same call).</summary>
    [HttpPost("share")]
    [HttpPost("create")]
    [EnableRateLimiting(RateLimitPolicies.Create)]
    [ProducesResponseType<MetadataAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Share(ShareRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var created = await sender.Send(
            new ShareSecretCommand(
                User.ToRequester(),
                request.Secret,
                request.Passphrase,
                request.Ttl,
                request.Recipients,
                request.ShareDomain,
                urls.EmailLinkBase(request.ShareDomain),
                request.Message,
                request.Note),
            cancellationToken);
        return Ok(wire.Metadata(created.Metadata));
    }

    /// <summary>Generate a password, store it as a secret, and answer its metadata with the value.</summary>
    [HttpPost("generate")]
    [EnableRateLimiting(RateLimitPolicies.Generate)]
    [ProducesResponseType<GeneratedAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Generate(GenerateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var generated = await sender.Send(
            new GenerateSecretCommand(
                User.ToRequester(),
                request.Passphrase,
                request.Ttl,
                request.Recipients,
                request.ShareDomain,
                urls.EmailLinkBase(request.ShareDomain),
                request.Message,
                request.Note,
                request.Length,
                request.CharacterSets?.ToCharacterSets()),
            cancellationToken);
        return Ok(wire.Generated(generated.Created.Metadata, generated.Value));
    }

    /// <summary>Reveal a secret, once. The key is taken whole, even with slashes, so that any key gets the same answer.</summary>
    [HttpPost("secret/{**secretKey}")]
    [EnableRateLimiting(RateLimitPolicies.Reveal)]
    [ProducesResponseType<RevealAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Reveal(string? secretKey, RevealRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var revealed = await sender.Send(new RevealSecretCommand(secretKey ?? string.Empty, request.Passphrase, ClientPartition.For(HttpContext)), cancellationToken);
        return Ok(WireMapper.Revealed(revealed.SecretKey, revealed.Value, revealed.ShareDomain));
    }
}
