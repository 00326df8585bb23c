using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Web.Operations;

/// <summary>
/// Reports requests refused with 503 because the database cannot be reached: an expected, handled condition, so
/// one concise warning with the error code, then at most one every <see cref="Interval"/> while it lasts (saying how
/// many refusals it stands for), never a stack trace per request.
/// </summary>
public sealed partial class DatabaseOutageLog(ILogger<DatabaseOutageLog> logger, TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastReport;
    private int _unreported;

    public void Report(Exception exception)
    {
        int more;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_lastReport is { } last && now - last < Interval)
            {
                _unreported++;
                return;
            }

            _lastReport = now;
            more = _unreported;
            _unreported = 0;
        }

        LogUnavailable(DatabaseFailures.ErrorCode(exception), more);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable ({ErrorCode}): answering 503; {More} more refused since the last report")]
    private partial void LogUnavailable(string errorCode, int more);
}
