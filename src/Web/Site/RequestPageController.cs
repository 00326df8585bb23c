using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Requests.Commands.AnswerSecretRequest;
using OneTimeSecret.Application.Requests.Queries.GetRequestForm;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.RateLimiting;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// The sender's page of a request for a secret: who asks and why, and a form that works without JavaScript. A
/// successful answer redirects (post/redirect/get) to a page with nothing on it that leads to the secret, so neither
/// a reload nor the browser's history can send it twice or read it back. A request that cannot be answered (unknown,
/// answered, cancelled, expired) is one "unknown request" page, with status 404.
/// </summary>
public sealed class RequestPageController(ISender sender, PublicUrls urls) : SiteController
{
    public const string SentPath = "/request/sent";

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [nameof(AnswerSecretRequestCommand.Secret)] = nameof(AnswerForm.Secret),
        [nameof(AnswerSecretRequestCommand.Passphrase)] = nameof(AnswerForm.Passphrase),
    };

    [HttpGet(SentPath)]
    public IActionResult Sent() => View();

    [HttpGet("/request/{requestKey}")]
    public async Task<IActionResult> Show(string requestKey, CancellationToken cancellationToken)
    {
        try
        {
            var form = await sender.Send(new GetRequestFormQuery(requestKey), cancellationToken);
            return View(new RequestFormViewModel(requestKey, form.RequesterName, form.RequesterConfirmed, form.Note));
        }
        catch (RequestNotFoundException)
        {
            return Unknown();
        }
    }

    [HttpPost("/request/{requestKey}")]
    [EnableRateLimiting(RateLimitPolicies.Create)]
    public async Task<IActionResult> Answer(string requestKey, AnswerForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            await sender.Send(new AnswerSecretRequestCommand(requestKey, form.Secret, form.Passphrase, urls.EmailBaseUrl()), cancellationToken);
            return RedirectToPath(SentPath);
        }
        catch (RequestNotFoundException)
        {
            return Unknown();
        }
        catch (ValidationException validation)
        {
            AddToModelState(validation, Fields);
        }
        catch (SecretTooLargeException tooLarge)
        {
            ModelState.AddModelError(nameof(AnswerForm.Secret), tooLarge.Message);
        }

        // The form again, with its errors; the secret is kept in the field (this browser typed it), the passphrase is not.
        try
        {
            var again = await sender.Send(new GetRequestFormQuery(requestKey), cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Show), new RequestFormViewModel(requestKey, again.RequesterName, again.RequesterConfirmed, again.Note) { Secret = form.Secret });
        }
        catch (RequestNotFoundException)
        {
            return Unknown();
        }
    }

    private ViewResult Unknown()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Unknown");
    }
}

public sealed class AnswerForm
{
    public string? Secret { get; set; }

    public string? Passphrase { get; set; }
}
