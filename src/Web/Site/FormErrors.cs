using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace OneTimeSecret.Web.Site;

/// <summary>Validation messages of one form field (or of the whole form, with an empty key) for the views.</summary>
public static class FormErrors
{
    public static string? For(ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;
    }

    public static bool Has(ModelStateDictionary modelState, string key) => For(modelState, key) is not null;

    /// <summary>Every message with the field it belongs to, for the summary at the top of a form.</summary>
    public static IReadOnlyList<(string Key, string Message)> All(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error => (e.Key, error.ErrorMessage)))
            .ToList();
    }
}
