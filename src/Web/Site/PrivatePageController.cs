using Mediator;
using Microsoft.AspNetCore.Mvc;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.RateLimiting;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.Site;

/// <summary>The creator's page (the metadata, or receipt): the link while unread, the state, and the burn button.</summary>
public sealed class PrivatePageController(ISender sender, PublicUrls urls) : SiteController
{
    [HttpGet("/private/{metadataKey}")]
    public async Task<IActionResult> Show(string metadataKey, CancellationToken cancellationToken)
    {
        var metadata = await sender.Send(new ViewMetadataCommand(metadataKey), cancellationToken);
        return View(Model(metadata) with
        {
            GeneratedValue = ShownOnce.TakeGenerated(TempData, metadataKey),
            Notice = metadata.State == Domain.Secrets.SecretState.Burned ? ShownOnce.TakeNotice(TempData) : null,
        });
    }

    /// <summary>The confirmation step: burning cannot be undone.</summary>
    [HttpGet("/private/{metadataKey}/burn")]
    public async Task<IActionResult> ConfirmBurn(string metadataKey, CancellationToken cancellationToken)
    {
        var metadata = await sender.Send(new ViewMetadataCommand(metadataKey), cancellationToken);
        var model = Model(metadata);
        return model.CanBurn ? View(model) : RedirectToPath($"/private/{metadataKey}");
    }

    /// <summary>
    /// Burns, with the passphrase when the secret has one. A missing or wrong passphrase redisplays the confirmation
    /// with the error (the command answers "unknown secret" for it, as the API does).
    /// </summary>
    [HttpPost("/private/{metadataKey}/burn")]
    public async Task<IActionResult> Burn(string metadataKey, BurnForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            await sender.Send(new BurnSecretCommand(metadataKey, form.Passphrase, ClientPartition.For(HttpContext)), cancellationToken);
            ShownOnce.KeepNotice(TempData, BurnedNotice);
        }
        catch (MetadataNotFoundException) when (Domain.Secrets.SecretKeyFormat.IsWellFormed(metadataKey))
        {
            // Already received, burned or expired (the page shows which), or no such secret (the page is a 404); or
            // a protected secret that is still there, whose passphrase was missing or wrong: ask again.
            var metadata = await sender.Send(new ViewMetadataCommand(metadataKey), cancellationToken);
            var model = Model(metadata);
            if (model.CanBurn && metadata.PassphraseRequired)
            {
                ModelState.AddModelError(
                    nameof(BurnForm.Passphrase),
                    string.IsNullOrEmpty(form.Passphrase) ? "Enter the passphrase to burn this secret" : "That passphrase is not right. The secret is still here; try again.");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View(nameof(ConfirmBurn), model);
            }
        }

        return RedirectToPath($"/private/{metadataKey}");
    }

    /// <summary>The confirmation after a burn, on the creator's page it redirects to.</summary>
    public const string BurnedNotice = "The secret was burned: it is deleted, and the link no longer works for anyone.";

    private PrivateViewModel Model(MetadataDto metadata) =>
        new(metadata, metadata.SecretKey is { } key && IsUnread(metadata) ? urls.SecretUrl(key, metadata.ShareDomain) : null, null);

    private static bool IsUnread(MetadataDto metadata) =>
        metadata.State is Domain.Secrets.SecretState.New or Domain.Secrets.SecretState.Viewed;
}

public sealed class BurnForm
{
    public string? Passphrase { get; set; }
}
