using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// Values a create action shows once, carried across its redirect (post/redirect/get) in TempData: the
/// Data-Protection-encrypted TempData cookie of the one browser that created them, read once and then deleted.
/// Nothing readable is kept on the server, and a reload of the page after the redirect shows the normal page.
/// </summary>
internal static class ShownOnce
{
    private const string GeneratedFor = "ots-generated-for";
    private const string GeneratedValue = "ots-generated-value";
    private const string NewApiToken = "ots-new-api-token";
    private const string Notice = "ots-notice";

    public static void KeepGenerated(ITempDataDictionary tempData, string metadataKey, string value)
    {
        tempData[GeneratedFor] = metadataKey;
        tempData[GeneratedValue] = value;
    }

    /// <summary>The generated password, when this browser has just generated it for this creator's page.</summary>
    public static string? TakeGenerated(ITempDataDictionary tempData, string metadataKey)
    {
        var forKey = tempData[GeneratedFor] as string;
        var value = tempData[GeneratedValue] as string;
        return string.Equals(forKey, metadataKey, StringComparison.Ordinal) ? value : null;
    }

    public static void KeepApiToken(ITempDataDictionary tempData, string token) => tempData[NewApiToken] = token;

    public static string? TakeApiToken(ITempDataDictionary tempData) => tempData[NewApiToken] as string;

    public static void KeepNotice(ITempDataDictionary tempData, string notice) => tempData[Notice] = notice;

    public static string? TakeNotice(ITempDataDictionary tempData) => tempData[Notice] as string;
}
