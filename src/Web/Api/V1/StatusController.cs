using Mediator;
using Microsoft.AspNetCore.Mvc;
using OneTimeSecret.Application.Customers.Queries.GetCustomer;
using OneTimeSecret.Application.Status.Queries.GetServiceStatus;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Authentication;

namespace OneTimeSecret.Web.Api.V1;

[Route("api/v1")]
[ApiExplorerSettings(IgnoreApi = false)]
[RawBodyParameters]
[WireFormat]
public sealed class StatusController(ISender sender) : ControllerBase
{
    /// <summary>Whether the service works: <c>nominal</c>, or <c>offline</c> with 503 while its database is down.</summary>
    [HttpGet("status")]
    [ProducesResponseType<StatusAnswer>(StatusCodes.Status200OK)]
    [ProducesResponseType<StatusAnswer>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Status(CancellationToken cancellationToken)
    {
        var status = await sender.Send(new GetServiceStatusQuery(), cancellationToken);
        return StatusCode(status.DatabaseAvailable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, WireMapper.Status(status.DatabaseAvailable));
    }

    /// <summary>The authenticated customer's record; 401 without valid credentials.</summary>
    [HttpGet("authcheck")]
    [ProducesResponseType<AccountAnswer>(StatusCodes.Status200OK)]
    public async Task<IActionResult> AuthCheck(CancellationToken cancellationToken)
    {
        var customer = await sender.Send(new GetCustomerQuery(User.ToRequester()), cancellationToken);
        return Ok(WireMapper.Account(customer));
    }
}
