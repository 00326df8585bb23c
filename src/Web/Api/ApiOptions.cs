namespace OneTimeSecret.Web.Api;

/// <summary>How the API answers errors, from the <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// Answer every v1 error with 404, as the live service does, for clients that test for 404 only. The real status
    /// is always in the <c>X-OTS-Intended-Status</c> header, in this mode and without it.
    /// </summary>
    public bool ErrorsAsNotFound { get; set; }
}
