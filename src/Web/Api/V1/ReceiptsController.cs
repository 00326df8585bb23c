using Mediator;
using Microsoft.AspNetCore.Mvc;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Queries.GetRecentMetadata;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.RateLimiting;

namespace OneTimeSecret.Web.Api.V1;

/// <summary>
/// The creator's side: metadata (also called receipt), burn, and the list of recent secrets. Each is also routed
/// under the legacy <c>metadata/</c> prefix, which the official Ruby command line still calls.
/// </summary>
[Route("api/v1")]
[ApiExplorerSettings(IgnoreApi = false)]
[RawBodyParameters]
[WireFormat]
public sealed class ReceiptsController(ISender sender, WireMapper wire) : ControllerBase
{
    /// <summary>The authenticated account's recent secrets (their metadata, secret keys always null); 401 for anonymous callers.</summary>
    [HttpGet("private/recent")]
    [HttpGet("receipt/recent")]
    [HttpGet("metadata/recent")]
    [ProducesResponseType<IReadOnlyList<RecentEntry>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Recent(CancellationToken cancellationToken)
    {
        var recent = await sender.Send(new GetRecentMetadataQuery(User.ToRequester()), cancellationToken);
        return Ok(wire.Recent(recent));
    }

    /// <summary>A secret's metadata, for its creator; the first look answers new and marks the secret viewed.</summary>
    [HttpGet("private/{metadataKey}")]
    [HttpPost("private/{metadataKey}")]
    [HttpGet("receipt/{metadataKey}")]
    [HttpPost("receipt/{metadataKey}")]
    [HttpGet("metadata/{metadataKey}")]
    [HttpPost("metadata/{metadataKey}")]
    [ProducesResponseType<MetadataAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Metadata(string metadataKey, CancellationToken cancellationToken)
    {
        var metadata = await sender.Send(new ViewMetadataCommand(metadataKey), cancellationToken);
        return Ok(wire.Metadata(metadata));
    }

    /// <summary>
    /// Destroy a secret that has not been read yet; answers its metadata in state burned. A passphrase-protected
    /// secret needs its <c>passphrase</c> (without it, or with a wrong one: 404 <c>Unknown secret</c>).
    /// </summary>
    [HttpPost("private/{metadataKey}/burn")]
    [HttpPost("receipt/{metadataKey}/burn")]
    [HttpPost("metadata/{metadataKey}/burn")]
    [ProducesResponseType<BurnAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorAnswer>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Burn(string metadataKey, BurnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var burned = await sender.Send(new BurnSecretCommand(metadataKey, request.Passphrase, ClientPartition.For(HttpContext)), cancellationToken);
        return Ok(wire.Burned(burned.Metadata, burned.SecretShortKey));
    }
}
