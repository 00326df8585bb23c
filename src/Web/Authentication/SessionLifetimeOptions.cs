using System.ComponentModel.DataAnnotations;

namespace OneTimeSecret.Web.Authentication;

/// <summary>How long a browser session lasts, from the <c>Sessions</c> configuration section.</summary>
public sealed class SessionLifetimeOptions
{
    public const string SectionName = "Sessions";

    /// <summary>A session unused this long ends; each visit extends it (sliding).</summary>
    [Range(5, 43_200)]
    public int IdleTimeoutMinutes { get; set; } = 720;

    /// <summary>A session ends this long after its sign-in, however busy it is.</summary>
    [Range(1, 8_760)]
    public int AbsoluteLifetimeHours { get; set; } = 24;
}
