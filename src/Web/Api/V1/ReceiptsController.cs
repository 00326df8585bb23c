using Mediator;
using Microsoft.AspNetCore.Mvc;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Queries.GetRecentMetadata;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Documentation;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.RateLimiting;

namespace OneTimeSecret.Web.Api.V1;

/// <summary>The creator's side: metadata (also called receipt), burn, and the list of recent secrets.</summary>
[Route("api/v1")]
[ApiExplorerSettings(IgnoreApi = false)]
[RawBodyParameters]
public sealed class ReceiptsController(ISender sender, ApiV1Json json) : ControllerBase
{
    /// <summary>The authenticated account's recent secrets (their metadata, secret keys always null); 401 for anonymous callers.</summary>
    [HttpGet("private/recent")]
    [HttpGet("receipt/recent")]
    [ProducesResponseType<IReadOnlyList<MetadataResponse>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Recent(CancellationToken cancellationToken)
    {
        var recent = await sender.Send(new GetRecentMetadataQuery(User.ToRequester()), cancellationToken);
        return Ok(json.Recent(recent));
    }

    /// <summary>A secret's metadata, for its creator; the first look answers new and marks the secret viewed.</summary>
    [HttpGet("private/{metadataKey}")]
    [HttpPost("private/{metadataKey}")]
    [HttpGet("receipt/{metadataKey}")]
    [HttpPost("receipt/{metadataKey}")]
    [ProducesResponseType<MetadataResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Metadata(string metadataKey, CancellationToken cancellationToken)
    {
        var metadata = await sender.Send(new ViewMetadataCommand(metadataKey), cancellationToken);
        return Ok(json.Metadata(metadata));
    }

    /// <summary>
    /// Destroy a secret that has not been read yet; answers its metadata in state burned. A passphrase-protected
    /// secret needs its <c>passphrase</c> (without it, or with a wrong one: 404 <c>Unknown secret</c>).
    /// </summary>
    [HttpPost("private/{metadataKey}/burn")]
    [HttpPost("receipt/{metadataKey}/burn")]
    [ApiRequest(typeof(BurnRequest))]
    [ProducesResponseType<BurnResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Burn(string metadataKey, ApiParameters parameters, CancellationToken cancellationToken)
    {
        var burned = await sender.Send(new BurnSecretCommand(metadataKey, parameters.Get("passphrase"), ClientPartition.For(HttpContext)), cancellationToken);
        return Ok(json.Burned(burned.Metadata, burned.SecretShortKey));
    }
}
