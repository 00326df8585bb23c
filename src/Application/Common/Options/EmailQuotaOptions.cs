using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>
/// How many emails this server sends on behalf of one account, and to one address, from the <c>EmailQuotas</c>
/// configuration section: so that an account cannot turn it into a mailer, nor anyone flood one inbox. Every email
/// of the outbox counts (links to secrets, verification links), from the moment it is queued.
/// </summary>
public sealed class EmailQuotaOptions
{
    public const string SectionName = "EmailQuotas";

    /// <summary>The quotas' longest window: finished emails are kept (without address or link) this long for counting.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(1);

    /// <summary>Emails one account may cause in an hour.</summary>
    [Range(1, 1_000_000)]
    public int PerAccountPerHour { get; set; } = 20;

    /// <summary>Emails one account may cause in a day.</summary>
    [Range(1, 1_000_000)]
    public int PerAccountPerDay { get; set; } = 100;

    /// <summary>Emails one address may receive in a day, from all senders together.</summary>
    [Range(1, 1_000_000)]
    public int PerRecipientPerDay { get; set; } = 10;
}

/// <summary>The data-annotation checks of <see cref="EmailQuotaOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class EmailQuotaOptionsAnnotationValidator : IValidateOptions<EmailQuotaOptions>;
