using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Application.Common.Options;

/// <summary>
/// How the outbox of recipient emails is worked off, from the <c>Smtp</c> configuration section (the same section
/// also names the mail server, which only the infrastructure reads).
/// </summary>
public sealed class EmailDeliveryOptions
{
    public const string SectionName = "Smtp";

    /// <summary>Whether the background delivery job runs (the delivery command itself can always be sent).</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>Seconds between two runs of the delivery job.</summary>
    [Range(1, 3600)]
    public int DeliveryIntervalSeconds { get; set; } = 10;

    /// <summary>Attempts per email before it is given up.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles after each further failure.</summary>
    [Range(1, 24 * 3600)]
    public int RetryBaseDelaySeconds { get; set; } = 60;

    /// <summary>The longest wait between two attempts.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int RetryMaxDelaySeconds { get; set; } = 3600;

    /// <summary>
    /// How long an attempt that has started holds its email; if the instance dies meanwhile, another one takes the
    /// email up after this time. Longer than any SMTP conversation.
    /// </summary>
    [Range(30, 24 * 3600)]
    public int AttemptLeaseSeconds { get; set; } = 300;

    /// <summary>Emails handled by one run of the delivery command.</summary>
    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 20;
}

/// <summary>The data-annotation checks of <see cref="EmailDeliveryOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class EmailDeliveryOptionsAnnotationValidator : IValidateOptions<EmailDeliveryOptions>;
