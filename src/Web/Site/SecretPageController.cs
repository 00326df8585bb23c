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
/// revealed is the one "not found or already viewed" page, with status 404, except a secret destroyed by wrong
/// passphrases, whose page says so.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Reveal)]
public sealed class SecretPageController(ISender sender) : SiteController
{
    [HttpGet("/secret/{secretKey}")]
    public async Task<IActionResult> Show(string secretKey, CancellationToken cancellationToken)
    {
        try
        {
            var preview = await sender.Send(new GetSecretPreviewQuery(secretKey), cancellationToken);
            return View(new RevealFormViewModel(secretKey, preview.PassphraseRequired, preview.AttemptsLeft));
        }
        catch (SecretDestroyedException)
        {
            return Destroyed();
        }
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
            SecretPreview preview;
            try
            {
                preview = await sender.Send(new GetSecretPreviewQuery(secretKey), cancellationToken);
            }
            catch (SecretDestroyedException)
            {
                return Destroyed();
            }

            ModelState.AddModelError(
                nameof(RevealForm.Passphrase),
                string.IsNullOrEmpty(form.Passphrase)
                    ? "Enter the passphrase to view this secret"
                    : $"That passphrase is not right. The secret is still here: {AttemptsText(preview.AttemptsLeft)} left before it is destroyed.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Show), new RevealFormViewModel(secretKey, preview.PassphraseRequired, preview.AttemptsLeft));
        }
    }

    /// <summary>"1 attempt", "3 attempts".</summary>
    public static string AttemptsText(int? attemptsLeft) => attemptsLeft == 1 ? "1 attempt" : $"{attemptsLeft} attempts";

    private ViewResult Destroyed()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Destroyed");
    }
}

public sealed class RevealForm
{
    public string? Passphrase { get; set; }
}
