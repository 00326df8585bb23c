using Microsoft.Extensions.Options;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// Recognises a start-up failure caused by a bad setting (options validation, or a value the configuration binder
/// cannot convert), so that the process can stop with one clear line instead of a stack trace.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>EX_CONFIG from sysexits.h; the systemd unit does not restart on it.</summary>
    public const int ExitCode = 78;

    /// <summary>
    /// Whether this app is the process itself (not hosted in-process by tests): only then does it own standard error
    /// and the exit code; otherwise the failure propagates to whoever hosts it.
    /// </summary>
    public static bool OwnsProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(ConfigurationErrors).Assembly;

    public static bool IsConfigurationError(Exception exception) => exception switch
    {
        OptionsValidationException => true,
        InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsConfigurationError),
        _ => false,
    };

    public static string Describe(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join(Environment.NewLine, aggregate.InnerExceptions.Select(Describe)),
        OptionsValidationException validation => string.Join(Environment.NewLine, validation.Failures),
        _ => exception.Message,
    };
}
