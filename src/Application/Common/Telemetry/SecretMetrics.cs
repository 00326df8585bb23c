using System.Diagnostics.Metrics;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Common.Telemetry;

/// <summary>
/// The service's own counters, on the <see cref="MeterName"/> meter; the host exports them (Prometheus at
/// <c>/metrics</c>). Labels come only from small fixed sets (plan, kind): never a key, a value, a passphrase, a custid
/// or an address. Static like an <c>ActivitySource</c>: instruments are process-wide, cost next to nothing while no
/// listener is attached, and handlers built by hand (in tests) need nothing extra.
/// </summary>
public static class SecretMetrics
{
    public const string MeterName = "OneTimeSecret";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Created = Meter.CreateCounter<long>(
        "ots.secrets.created", "{secret}", "Secrets stored, by plan and kind (share, generate or request).");

    private static readonly Counter<long> Revealed = Meter.CreateCounter<long>(
        "ots.secrets.revealed", "{secret}", "Secrets revealed to their recipient (each exactly once).");

    private static readonly Counter<long> Burned = Meter.CreateCounter<long>(
        "ots.secrets.burned", "{secret}", "Secrets destroyed unread by their creator.");

    private static readonly Counter<long> Expired = Meter.CreateCounter<long>(
        "ots.secrets.expired", "{secret}", "Unread secrets erased after their time to live.");

    private static readonly Counter<long> PassphrasesRejected = Meter.CreateCounter<long>(
        "ots.secrets.passphrase_rejected", "{attempt}", "Reveal attempts with a missing or wrong passphrase.");

    private static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>(
        "ots.emails.sent", "{email}", "Emails handed to the mail server.");

    private static readonly Counter<long> EmailsFailed = Meter.CreateCounter<long>(
        "ots.emails.failed", "{email}", "Emails that could not be sent.");

    private static readonly Counter<long> DatabaseErrors = Meter.CreateCounter<long>(
        "ots.database.errors", "{error}", "Failed database connections and commands, by kind (connection or command).");

    public static void SecretCreated(string planId, SecretCreationKind kind) =>
        Created.Add(
            1,
            new KeyValuePair<string, object?>("plan", PlanLabel(planId)),
            new KeyValuePair<string, object?>("kind", kind switch
            {
                SecretCreationKind.Generate => "generate",
                SecretCreationKind.Request => "request",
                _ => "share",
            }));

    public static void SecretRevealed() => Revealed.Add(1);

    public static void SecretBurned() => Burned.Add(1);

    /// <summary>For the purge: <paramref name="count"/> unread secrets were erased because they expired.</summary>
    public static void SecretsExpired(long count)
    {
        if (count > 0)
        {
            Expired.Add(count);
        }
    }

    public static void PassphraseRejected() => PassphrasesRejected.Add(1);

    public static void EmailSent() => EmailsSent.Add(1);

    public static void EmailFailed() => EmailsFailed.Add(1);

    public static void DatabaseError(DatabaseErrorKind kind) =>
        DatabaseErrors.Add(1, new KeyValuePair<string, object?>("kind", kind == DatabaseErrorKind.Connection ? "connection" : "command"));

    // A fixed set, so that a label can never grow with input.
    private static string PlanLabel(string planId) => planId switch
    {
        PlanIds.Anonymous => PlanIds.Anonymous,
        PlanIds.Basic => PlanIds.Basic,
        _ => "other",
    };
}

public enum SecretCreationKind
{
    Share,
    Generate,

    /// <summary>The answer to a request for a secret.</summary>
    Request,
}

public enum DatabaseErrorKind
{
    Connection,
    Command,
}
