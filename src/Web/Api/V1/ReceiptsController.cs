using Mediator;
using Microsoft.AspNetCore.Mvc;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Queries.GetRecentMetadata;
using OneTimeSecret.Web.Authentication;

namespace OneTimeSecret.Web.Api.V1;

/// <summary>The creator's side: metadata (also called receipt), burn, and the list of recent secrets.</summary>
[Route("api/v1")]
[RawBodyParameters]
public sealed class ReceiptsController(ISender sender, ApiV1Json json) : ControllerBase
{
    [HttpGet("private/recent")]
    [HttpGet("receipt/recent")]
    public async Task<IActionResult> Recent(CancellationToken cancellationToken)
    {
        var recent = await sender.Send(new GetRecentMetadataQuery(User.ToRequester()), cancellationToken);
        return Ok(json.Recent(recent));
    }

    [HttpGet("private/{metadataKey}")]
    [HttpPost("private/{metadataKey}")]
    [HttpGet("receipt/{metadataKey}")]
    [HttpPost("receipt/{metadataKey}")]
    public async Task<IActionResult> Metadata(string metadataKey, CancellationToken cancellationToken)
    {
        var metadata = await sender.Send(new ViewMetadataCommand(metadataKey), cancellationToken);
        return Ok(json.Metadata(metadata));
    }

    [HttpPost("private/{metadataKey}/burn")]
    [HttpPost("receipt/{metadataKey}/burn")]
    public async Task<IActionResult> Burn(string metadataKey, CancellationToken cancellationToken)
    {
        var burned = await sender.Send(new BurnSecretCommand(metadataKey), cancellationToken);
        return Ok(json.Burned(burned.Metadata, burned.SecretShortKey));
    }
}
