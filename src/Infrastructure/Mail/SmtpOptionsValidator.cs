using Microsoft.Extensions.Options;
using MimeKit;

namespace OneTimeSecret.Infrastructure.Mail;

/// <summary>Stops start-up with a clear message when the mail settings cannot work.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (options.UsesServer && string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("Smtp:From is required when Smtp:Host is set (for example 'Onetime Secret <noreply@example.com>').");
        }

        if (!string.IsNullOrWhiteSpace(options.From) && !MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add("Smtp:From is not a valid address (for example 'Onetime Secret <noreply@example.com>').");
        }

        if (!string.IsNullOrEmpty(options.Username) && options.Password is null)
        {
            failures.Add("Smtp:Password is required when Smtp:Username is set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
