using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Secrets.Commands.GenerateSecret;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Application.Secrets.Queries.GetShareLimits;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.RateLimiting;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.Site;

/// <summary>The share form: create a secret link, or generate a password and share that.</summary>
public sealed class HomeController(ISender sender, PublicUrls urls) : SiteController
{
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        [nameof(ShareSecretCommand.Secret)] = nameof(ShareForm.Secret),
        [nameof(ShareSecretCommand.Passphrase)] = nameof(ShareForm.Passphrase),
        [nameof(ShareSecretCommand.Recipients)] = nameof(ShareForm.Recipient),
        [nameof(ShareSecretCommand.ShareDomain)] = nameof(ShareForm.ShareDomain),
        [nameof(ShareSecretCommand.TtlSeconds)] = nameof(ShareForm.Ttl),
    };

    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ModelAsync(new ShareForm(), cancellationToken));

    [HttpPost("/")]
    [EnableRateLimiting(RateLimitPolicies.Create)]
    public async Task<IActionResult> Share(ShareForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            var created = await sender.Send(
                new ShareSecretCommand(
                    Requester,
                    FormText.Value(form.Secret),
                    form.Passphrase,
                    FormText.Seconds(form.Ttl),
                    FormText.List(form.Recipient),
                    FormText.Optional(form.ShareDomain),
                    urls.ShareBaseUrl(FormText.Optional(form.ShareDomain))),
                cancellationToken);
            return RedirectToPath($"/private/{created.MetadataKey}");
        }
        catch (Exception exception) when (IsFormMistake(exception))
        {
            return await ShowFormAgainAsync(form, exception, cancellationToken);
        }
    }

    /// <summary>
    /// Generate a password and store it as a secret. The creator sees the password on this response only (it is
    /// not kept anywhere readable), so there is no redirect here.
    /// </summary>
    [HttpPost("/generate")]
    [EnableRateLimiting(RateLimitPolicies.Generate)]
    public async Task<IActionResult> Generate(ShareForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            var generated = await sender.Send(
                new GenerateSecretCommand(
                    Requester,
                    form.Passphrase,
                    FormText.Seconds(form.Ttl),
                    FormText.List(form.Recipient),
                    FormText.Optional(form.ShareDomain),
                    urls.ShareBaseUrl(FormText.Optional(form.ShareDomain))),
                cancellationToken);
            var metadata = generated.Created.Metadata;
            var shareUrl = urls.SecretUrl(generated.Created.SecretKey, metadata.ShareDomain);
            return View("~/Views/PrivatePage/Show.cshtml", new PrivateViewModel(metadata, shareUrl, generated.Value));
        }
        catch (Exception exception) when (IsFormMistake(exception))
        {
            form.Secret = null;
            return await ShowFormAgainAsync(form, exception, cancellationToken);
        }
    }

    /// <summary>A reload of the generate page after its POST comes back to the form.</summary>
    [HttpGet("/generate")]
    public IActionResult GenerateAgain() => RedirectToPath("/");

    private static bool IsFormMistake(Exception exception) =>
        exception is ValidationException or SecretTooLargeException or ForbiddenException;

    private async Task<IActionResult> ShowFormAgainAsync(ShareForm form, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ValidationException validation:
                AddToModelState(validation, FieldNames);
                break;
            case SecretTooLargeException tooLarge:
                // A value a little too long comes back to be trimmed; a far larger one is never sent back, or the
                // page would be as large as what was posted.
                if (form.Secret?.Length > 2 * tooLarge.MaximumSize)
                {
                    form.Secret = null;
                }

                ModelState.AddModelError(nameof(ShareForm.Secret), $"Your plan allows secrets of at most {tooLarge.MaximumSize} characters");
                break;
            default:
                ModelState.AddModelError(nameof(ShareForm.Recipient), exception.Message);
                break;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await ModelAsync(form, cancellationToken));
    }

    private async Task<HomeViewModel> ModelAsync(ShareForm form, CancellationToken cancellationToken)
    {
        var limits = await sender.Send(new GetShareLimitsQuery(Requester), cancellationToken);
        var selected = FormText.Seconds(form.Ttl) is { } wanted && wanted >= limits.MinTtlSeconds && wanted <= limits.MaxTtlSeconds
            ? wanted
            : limits.DefaultTtlSeconds;
        var choices = TtlChoices.For(limits.MinTtlSeconds, limits.MaxTtlSeconds, limits.DefaultTtlSeconds);
        if (choices.All(c => c.Seconds != selected))
        {
            selected = limits.DefaultTtlSeconds;
        }

        return new HomeViewModel(form, limits, choices, selected);
    }
}

/// <summary>How form fields become command arguments.</summary>
internal static class FormText
{
    /// <summary>
    /// A textarea's value as typed: browsers send every line break as CR LF, which would change a pasted key or
    /// certificate; the value shown and copied later must be the one that was typed.
    /// </summary>
    public static string? Value(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal);

    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static IReadOnlyList<string> List(string? text) => Optional(text) is { } one ? [one] : [];

    public static long? Seconds(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;
}
