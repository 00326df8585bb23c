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

/// <summary>
/// The share form: create a secret link, or generate a password and share that. Both create with
/// post/redirect/get, so a reload or the back button never creates a second secret.
/// </summary>
public sealed class HomeController(ISender sender, PublicUrls urls) : SiteController
{
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        [nameof(ShareSecretCommand.Secret)] = nameof(ShareForm.Secret),
        [nameof(ShareSecretCommand.Passphrase)] = nameof(ShareForm.Passphrase),
        [nameof(ShareSecretCommand.Recipients)] = nameof(ShareForm.Recipient),
        [nameof(ShareSecretCommand.ShareDomain)] = nameof(ShareForm.ShareDomain),
        [nameof(ShareSecretCommand.TtlSeconds)] = nameof(ShareForm.Ttl),
        [nameof(ShareSecretCommand.Message)] = nameof(ShareForm.Message),
        [nameof(ShareSecretCommand.Note)] = nameof(ShareForm.Note),
        [nameof(GenerateSecretCommand.Length)] = nameof(ShareForm.Length),
        [nameof(GenerateSecretCommand.CharacterSets)] = nameof(ShareForm.CharacterSets),
    };

    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await ModelAsync(new ShareForm(), cancellationToken));

    [HttpPost("/")]
    [EnableRateLimiting(RateLimitPolicies.Create)]
    public Task<IActionResult> Share(ShareForm form, CancellationToken cancellationToken) =>
        CreateAsync(
            form,
            async options => (await sender.Send(
                new ShareSecretCommand(
                    Requester, FormText.Value(form.Secret), options.Passphrase, options.TtlSeconds, options.Recipients, options.ShareDomain, options.ShareBaseUrl, options.Message, options.Note),
                cancellationToken)).MetadataKey,
            cancellationToken);

    /// <summary>
    /// Generate a password and store it as a secret. The password goes to the creator's page in the protected,
    /// read-once TempData cookie of this browser, so it is shown on the GET after the redirect and then never again.
    /// </summary>
    [HttpPost("/generate")]
    [EnableRateLimiting(RateLimitPolicies.Generate)]
    public async Task<IActionResult> Generate(ShareForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!string.IsNullOrEmpty(form.Secret))
        {
            // Generating would silently throw away what was typed.
            ModelState.AddModelError(nameof(ShareForm.Secret), FormMessages.GenerateWithText);
            return await ShowFormAgainAsync(form, cancellationToken);
        }

        int? length = null;
        if (!string.IsNullOrWhiteSpace(form.Length))
        {
            if (!int.TryParse(form.Length.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var chosen))
            {
                ModelState.AddModelError(nameof(ShareForm.Length), FormMessages.LengthNotANumber);
                return await ShowFormAgainAsync(form, cancellationToken);
            }

            length = chosen;
        }

        return await CreateAsync(
            form,
            async options =>
            {
                var generated = await sender.Send(
                    new GenerateSecretCommand(
                        Requester, options.Passphrase, options.TtlSeconds, options.Recipients, options.ShareDomain, options.ShareBaseUrl, options.Message, options.Note, length, form.CharacterSets),
                    cancellationToken);
                var metadataKey = generated.Created.MetadataKey;
                ShownOnce.KeepGenerated(TempData, metadataKey, generated.Value);
                return metadataKey;
            },
            cancellationToken);
    }

    /// <summary>An old address of the generate page comes back to the form.</summary>
    [HttpGet("/generate")]
    public IActionResult GenerateAgain() => RedirectToPath("/");

    /// <summary>The options both create actions read from the form.</summary>
    private sealed record CreateOptions(string? Passphrase, long? TtlSeconds, IReadOnlyList<string> Recipients, string? ShareDomain, string ShareBaseUrl, string? Message, string? Note);

    /// <summary>
    /// Creates (through <paramref name="create"/>, which answers the metadata key) and redirects to the creator's
    /// page; on a mistake the form comes back. A form that came back after a passphrase had been typed is not
    /// sent on without one: the passphrase is never written back into the page, so it must be typed again.
    /// </summary>
    private async Task<IActionResult> CreateAsync(ShareForm form, Func<CreateOptions, Task<string>> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.PassphraseGiven && string.IsNullOrEmpty(form.Passphrase))
        {
            return await ShowFormAgainAsync(form, cancellationToken);
        }

        try
        {
            var shareDomain = FormText.Optional(form.ShareDomain);
            var metadataKey = await create(new CreateOptions(
                form.Passphrase, FormText.Seconds(form.Ttl), FormText.List(form.Recipient), shareDomain, urls.EmailLinkBase(shareDomain), FormText.Optional(FormText.Value(form.Message)), form.Note));
            return RedirectToPath($"/private/{metadataKey}");
        }
        catch (Exception exception) when (IsFormMistake(exception))
        {
            AddMistake(form, exception);
            return await ShowFormAgainAsync(form, cancellationToken);
        }
    }

    private static bool IsFormMistake(Exception exception) =>
        exception is ValidationException or SecretTooLargeException or ForbiddenException or EmailQuotaExceededException;

    private void AddMistake(ShareForm form, Exception exception)
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
    }

    private async Task<IActionResult> ShowFormAgainAsync(ShareForm form, CancellationToken cancellationToken)
    {
        if (form.PassphraseGiven || !string.IsNullOrEmpty(form.Passphrase))
        {
            form.PassphraseGiven = true;
            ModelState.AddModelError(nameof(ShareForm.Passphrase), FormMessages.TypePassphraseAgain);
        }

        form.Passphrase = null;
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
