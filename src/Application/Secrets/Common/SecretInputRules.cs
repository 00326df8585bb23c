using System.Net.Mail;
using FluentValidation;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>Validation rules shared by the commands that create secrets.</summary>
internal static class SecretInputRules
{
    public const string NothingToShare = "You did not provide anything to share";

    public const int MaxRecipientLength = 254;

    public const string AccountRequiredForEmails = "An account is required to send emails.";

    /// <summary>Whether <paramref name="requester"/> may have this server email recipients.</summary>
    public static bool MaySendEmails(Requester requester, SecretOptions options) =>
        !requester.IsAnonymous || options.AllowAnonymousRecipients;

    /// <summary>
    /// The creator's message to the recipients: short, plain text (it is never rendered as HTML), and only where
    /// there is someone to email it to.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ValidSenderMessage<T>(this IRuleBuilder<T, string?> rule, Func<T, IReadOnlyList<string>> recipients) =>
        rule.Must(m => m is null || m.Length <= SenderMessage.MaxLength)
            .WithMessage($"Message must be no more than {SenderMessage.MaxLength} characters long")
            .Must(m => m is null || (!ContainsNul(m) && IsWellFormedText(m)))
            .WithMessage("Message is not valid text")
            .Must((command, m) => string.IsNullOrWhiteSpace(m) || recipients(command).Count > 0)
            .WithMessage("A message is emailed to the recipients: give a recipient, or leave the message out");

    /// <summary>The value to store: something to share, text without NUL characters (checked only once it is given).</summary>
    public static IRuleBuilderOptions<T, string?> ValidSecretValue<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(s => !string.IsNullOrWhiteSpace(s))
            .WithMessage(NothingToShare)
            .Must(s => !ContainsNul(s!))
            .WithMessage("Secret must not contain NUL characters")
            .Must(s => IsWellFormedText(s!))
            .WithMessage("Secret is not valid text");

    public static IRuleBuilderOptions<T, string?> ValidPassphrase<T>(this IRuleBuilder<T, string?> rule, int maximumLength) =>
        rule.Must(p => p is null || p.Length <= maximumLength)
            .WithMessage($"Passphrase must be no more than {maximumLength} characters long")
            .Must(p => p is null || !ContainsNul(p))
            .WithMessage("Passphrase must not contain NUL characters")
            .Must(p => p is null || IsWellFormedText(p))
            .WithMessage("Passphrase is not valid text");

    /// <summary>The creator's private note: one short line of text (it labels an entry on the creator's pages).</summary>
    public static IRuleBuilderOptions<T, string?> ValidNote<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => n is null || IsWellFormedText(n))
            .WithMessage("Note is not valid text")
            .Must(n => n is null || !n.Any(char.IsControl))
            .WithMessage("Note must be one line of text")
            .Must(n => n is null || n.Trim().EnumerateRunes().Count() <= Domain.Secrets.Secret.MaxNoteLength)
            .WithMessage($"Note must be no more than {Domain.Secrets.Secret.MaxNoteLength} characters long");

    /// <summary>A note as stored: trimmed, and none when blank.</summary>
    public static string? EffectiveNote(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    public static IRuleBuilderOptions<T, IReadOnlyList<string>> ValidRecipients<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule) =>
        rule.Must(list => list.All(IsValidEmailAddress))
            .WithMessage("Recipient must be a valid email address");

    public static IRuleBuilderOptions<T, string?> ValidShareDomain<T>(this IRuleBuilder<T, string?> rule, IEnumerable<string> allowed)
    {
        var allowList = allowed.Select(d => d.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return rule.Must(d => string.IsNullOrEmpty(d) || allowList.Contains(d.Trim().ToLowerInvariant()))
            .WithMessage("Unknown share_domain");
    }

    public static bool IsValidEmailAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxRecipientLength || address.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !string.IsNullOrEmpty(parsed.DisplayName))
        {
            return false;
        }

        // A host name only: no address literal (fred@[127.0.0.1] would make the server mail an address of the
        // caller's choosing on its own network), every label 1-63 characters without a leading or trailing hyphen,
        // and a local part of at most 64 characters (RFC 5321).
        var domain = parsed.Host;
        return parsed.User.Length <= MaxLocalPartLength
            && domain.Contains('.', StringComparison.Ordinal)
            && domain.Split('.').All(IsHostLabel);
    }

    private const int MaxLocalPartLength = 64;

    private const int MaxLabelLength = 63;

    private static bool IsHostLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && !label.StartsWith('-')
        && !label.EndsWith('-')
        && label.All(c => char.IsLetterOrDigit(c) || c == '-' || c > 127);

    public static bool ContainsNul(string value) => value.Contains('\0', StringComparison.Ordinal);

    /// <summary>False for text with a lone surrogate, which cannot be encoded as UTF-8.</summary>
    public static bool IsWellFormedText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
