using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Infrastructure.Mail;

/// <summary>How the connection to the mail server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>No TLS at all (a relay on the same machine or network).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The mail server, from the <c>Smtp</c> configuration section. Without <see cref="Host"/> (the zero-setup default),
/// emails are written as <c>.eml</c> files into <see cref="PickupDirectory"/> instead of being sent.
/// </summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>The sender used when writing files and no <see cref="From"/> is configured.</summary>
    public const string DevelopmentFrom = "Onetime Secret <noreply@localhost>";

    public string? Host { get; set; }

    /// <summary>The server's port; 0 picks the usual one for <see cref="Security"/> (25, 587 or 465).</summary>
    [Range(0, 65_535)]
    public int Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Sign in with these credentials when a user name is given.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, optionally with a name: <c>Onetime Secret &lt;noreply@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Seconds to wait for the mail server at each step.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Where emails are written as <c>.eml</c> files when no <see cref="Host"/> is configured.</summary>
    [Required]
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>
    /// Whether, without <see cref="Host"/>, emails are written into <see cref="PickupDirectory"/>. Unset: yes outside
    /// Production, no in Production (where a share with a recipient is then refused, rather than leaving live links
    /// in plain files and calling them sent). Set it to <c>true</c> to have the files in Production all the same.
    /// </summary>
    public bool? UsePickupDirectory { get; set; }

    public bool UsesServer => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port != 0 ? Port : Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };
}

/// <summary>The data-annotation checks of <see cref="SmtpOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class SmtpOptionsAnnotationValidator : IValidateOptions<SmtpOptions>;
