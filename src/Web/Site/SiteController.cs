using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Web.Authentication;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// Base of the browser's controllers: every unsafe request must carry a valid antiforgery token, and the
/// requester is whoever the session cookie names (or anonymous). Their bodies have the API's size limit (<see cref="PageBodyLimit"/>).
/// </summary>
[AutoValidateAntiforgeryToken]
public abstract class SiteController : Controller
{
    protected Requester Requester => User.ToRequester();

    /// <summary>
    /// Copies the Application's validation failures into the model state under the form's
    /// field names, so the form is shown again with each message next to its field.
    /// </summary>
    protected void AddToModelState(ValidationException validation, IReadOnlyDictionary<string, string> fieldNames)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(fieldNames);
        foreach (var failure in validation.Errors)
        {
            var key = fieldNames.TryGetValue(failure.PropertyName, out var field) ? field : string.Empty;
            ModelState.AddModelError(key, failure.ErrorMessage);
        }
    }

    /// <summary>A redirect within this site only (never to a host from the request).</summary>
    protected IActionResult RedirectToPath(string path) => LocalRedirect(path);
}
