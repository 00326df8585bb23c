namespace OneTimeSecret.Web.Common;

/// <summary>Tells the API's requests (JSON, basic auth) from the browser's pages (HTML, cookie auth).</summary>
public static class RequestKinds
{
    public static bool IsApiRequest(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments("/api");
    }
}
