using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// The pages' forms get the API's body limit (<c>App:MaxRequestBodyBytes</c>), not the server's 30 MB: a larger
/// declared body is refused with a 413 page before it is read, and a chunked one stops at the limit. It applies
/// before any filter, since the antiforgery check is the first to read a form.
/// </summary>
public static class PageBodyLimit
{
    public static IApplicationBuilder UsePageBodyLimit(this IApplicationBuilder app) =>
        app.UseWhen(context => !context.IsApiRequest(), pages => pages.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<AppOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await ErrorPages.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorKind.Status);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            await next(context);
        }));
}
