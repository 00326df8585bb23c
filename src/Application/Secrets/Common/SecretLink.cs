namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>The link a recipient opens to reveal a secret.</summary>
public static class SecretLink
{
    /// <param name="baseUrl">The public base URL, such as <c>https://secrets.example.com</c>.</param>
    public static string Build(string baseUrl, string secretKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        return $"{baseUrl.TrimEnd('/')}/secret/{secretKey}";
    }
}
