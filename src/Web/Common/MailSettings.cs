using Microsoft.Extensions.Options;
using OneTimeSecret.Infrastructure.Mail;

namespace OneTimeSecret.Web.Common;

/// <summary>The web host's rules for the mail settings, which depend on other sections and on the environment.</summary>
internal static class MailSettings
{
    public const string BaseUrlRequired =
        "App:BaseUrl is required when Smtp:Host is set: links in emails are built from it only, never from a request's Host header (for example 'https://secrets.example.com').";

    public static IServiceCollection AddMailSettings(this IServiceCollection services)
    {
        // Without a mail server, Production does not write live links into plain files unless told to.
        services.AddOptions<SmtpOptions>().PostConfigure<IHostEnvironment>((smtp, environment) =>
            smtp.UsePickupDirectory ??= !environment.IsProduction());
        services.AddSingleton<IValidateOptions<SmtpOptions>, BaseUrlWithMailServerValidator>();
        return services;
    }

    /// <summary>A mail server without <c>App:BaseUrl</c> stops the start (exit code 78), like <c>Smtp:Host</c> without <c>Smtp:From</c>.</summary>
    private sealed class BaseUrlWithMailServerValidator(IOptions<AppOptions> app) : IValidateOptions<SmtpOptions>
    {
        public ValidateOptionsResult Validate(string? name, SmtpOptions options) =>
            options.UsesServer && string.IsNullOrWhiteSpace(app.Value.BaseUrl)
                ? ValidateOptionsResult.Fail(BaseUrlRequired)
                : ValidateOptionsResult.Success;
    }
}
