using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Queries.GetSecretPreview;
using OneTimeSecret.Web.RateLimiting;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// The recipient's page. A GET only asks whether the secret is there (link previews, scanners and prefetchers
/// send GETs and must never burn a secret); the reveal is a POST with an antiforgery token. Anything that cannot be
/// revealed is the one "not found or already viewed" page, with status 404.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Reveal)]
public sealed class SecretPageController(ISender sender) : SiteController
{
    [HttpGet("/secret/{secretKey}")]
    public async Task<IActionResult> Show(string secretKey, CancellationToken cancellationToken)
    {
        var preview = await sender.Send(new GetSecretPreviewQuery(secretKey), cancellationToken);
        return View(new RevealFormViewModel(secretKey, preview.PassphraseRequired));
    }

    [HttpPost("/secret/{secretKey}")]
    public async Task<IActionResult> Reveal(string secretKey, RevealForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            var revealed = await sender.Send(new RevealSecretCommand(secretKey, form.Passphrase, ClientPartition.For(HttpContext)), cancellationToken);
            return View("Revealed", new RevealedViewModel(revealed.Value));
        }
        catch (SecretNotFoundException)
        {
            // The reveal answers "unknown" for a wrong passphrase too. If the secret is still there (the preview
            // answers), the passphrase was the problem; otherwise the preview throws and the 404 page is shown.
            var preview = await sender.Send(new GetSecretPreviewQuery(secretKey), cancellationToken);
            ModelState.AddModelError(
                nameof(RevealForm.Passphrase),
                string.IsNullOrEmpty(form.Passphrase) ? "Enter the passphrase to view this secret" : "That passphrase is not right. The secret is still here; try again.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Show), new RevealFormViewModel(secretKey, preview.PassphraseRequired));
        }
    }
}

public sealed class RevealForm
{
    public string? Passphrase { get; set; }
}
