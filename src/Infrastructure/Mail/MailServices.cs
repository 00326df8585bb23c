using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Infrastructure.Mail;

public static class MailServices
{
    /// <summary>The SMTP sender when <c>Smtp:Host</c> is set, else the pickup directory.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<SmtpOptions, SmtpOptionsAnnotationValidator>(SmtpOptions.SectionName);
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        if (string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.SectionName}:{nameof(SmtpOptions.Host)}"]))
        {
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }

        return services;
    }
}
