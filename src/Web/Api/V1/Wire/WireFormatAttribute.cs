using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace OneTimeSecret.Web.Api.V1.Wire;

/// <summary>
/// Writes the answers of a controller with <see cref="WireJsonContext"/> only: a type the context does not know
/// fails loudly instead of being serialized by reflection with the site's general JSON settings.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WireFormatAttribute : Attribute, IResultFilter
{
    private static readonly SystemTextJsonOutputFormatter Formatter = new(WireJsonContext.Default.Options);

    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is ObjectResult result)
        {
            result.Formatters.Clear();
            result.Formatters.Add(Formatter);
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
