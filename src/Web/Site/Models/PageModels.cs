using OneTimeSecret.Application.Customers.Queries.GetAccount;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Application.Secrets.Queries.GetShareLimits;

namespace OneTimeSecret.Web.Site.Models;

/// <summary>The home page: the share form, what the plan allows, and the ttl choices within it.</summary>
public sealed record HomeViewModel(ShareForm Form, ShareLimits Limits, IReadOnlyList<TtlChoice> TtlChoices, long SelectedTtl);

public sealed record TtlChoice(long Seconds, string Label);

/// <summary>The recipient's page before the reveal.</summary>
/// <param name="SecretKey">The secret's key, from the link.</param>
/// <param name="PassphraseRequired">Whether the form asks for a passphrase.</param>
/// <param name="AttemptsLeft">Wrong passphrases that may still be tried before the secret is destroyed.</param>
public sealed record RevealFormViewModel(string SecretKey, bool PassphraseRequired, int? AttemptsLeft);

/// <summary>The recipient's page after the reveal: the value, this once.</summary>
public sealed record RevealedViewModel(string Value);

/// <summary>The creator's page.</summary>
/// <param name="Metadata">What the creator may know about the secret.</param>
/// <param name="ShareUrl">The link to give the recipient; only while the secret is unread.</param>
/// <param name="GeneratedValue">A generated password, shown to its creator once, right after generating it.</param>
public sealed record PrivateViewModel(MetadataDto Metadata, string? ShareUrl, string? GeneratedValue)
{
    public bool CanBurn => Metadata.State is Domain.Secrets.SecretState.New or Domain.Secrets.SecretState.Viewed;

    /// <summary>What was just done here (after a burn), shown once.</summary>
    public string? Notice { get; init; }
}

public sealed record AccountViewModel(AccountDto Account, string? NewApiToken, string? Notice, string ApiBaseUrl)
{
    /// <summary>Why no token was issued (the password asked again was wrong), shown next to its field.</summary>
    public string? TokenError { get; init; }

    /// <summary>The account's requests for a secret, newest first.</summary>
    public IReadOnlyList<OneTimeSecret.Application.Requests.Common.SecretRequestDto> Requests { get; init; } = [];

    /// <summary>Why no request was created, shown next to the note.</summary>
    public string? RequestError { get; init; }

    /// <summary>The note typed before an error, kept in its field.</summary>
    public string? RequestNote { get; init; }

    /// <summary>How long a request may stay open, and its answered secret live, on this plan.</summary>
    public IReadOnlyList<TtlChoice> RequestTtlChoices { get; init; } = [];

    public long DefaultRequestTtl { get; init; }
}

/// <summary>The sender's page of a request: who asks (and whether that name is confirmed), the note, and the secret typed so far after an error.</summary>
public sealed record RequestFormViewModel(string RequestKey, string RequesterName, bool RequesterConfirmed, string Note)
{
    public string? Secret { get; init; }
}

/// <summary>The page of the verification link: a button before, the outcome after.</summary>
/// <param name="Token">The token from the link, posted back by the button.</param>
/// <param name="Confirmed"><c>null</c> before the button was pressed.</param>
public sealed record VerifyViewModel(string Token, bool? Confirmed);
