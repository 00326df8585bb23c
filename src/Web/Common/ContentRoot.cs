namespace OneTimeSecret.Web.Common;

/// <summary>
/// The web host and the command lines read <c>appsettings.json</c> and serve <c>wwwroot</c> from the app's own
/// folder, not from the working directory: started as <c>dotnet /opt/onetimesecret/OneTimeSecret.Web.dll</c> from
/// anywhere else, the app would otherwise lose its log levels and the pages their style sheet and script.
/// </summary>
public static class ContentRoot
{
    /// <summary>
    /// The app's folder, unless a content root is named explicitly (<c>--contentRoot</c>, or the
    /// <c>ASPNETCORE_CONTENTROOT</c> / <c>DOTNET_CONTENTROOT</c> variable, which the test host also uses).
    /// </summary>
    public static string? For(IReadOnlyCollection<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var named = args.Any(arg => arg.TrimStart('-', '/').StartsWith(HostDefaults.ContentRootKey, StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return named ? null : AppContext.BaseDirectory;
    }
}
