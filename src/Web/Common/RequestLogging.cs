using System.Diagnostics;
using System.Text.RegularExpressions;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// One structured log line per request: method, path with keys cut to a short prefix, status and time. The
/// framework's own request logging (which writes whole paths) is turned off, so no full key reaches a log.
/// </summary>
public static partial class RequestLogging
{
    private const int KeptKeyPrefix = 4;

    private static readonly HashSet<string> KeyedSegments = new(StringComparer.OrdinalIgnoreCase) { "secret", "private", "receipt", "metadata" };

    public static IApplicationBuilder UseRedactedRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Resolved once, at the first request (not while the pipeline is built, which may race a failing start);
        // when the level is off, a request costs one check, not a redacted copy of its path.
        ILogger? requestLogger = null;
        return app.Use(async (context, next) =>
        {
            var logger = requestLogger ??= context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OneTimeSecret.Requests");
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                LogRequest(
                    logger,
                    context.Request.Method,
                    RedactPath(context.Request.Path.Value),
                    context.Response.StatusCode,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    /// <summary><c>/api/v1/secret/abc…xyz</c> becomes <c>/api/v1/secret/abcd…</c>; so does any long key-like segment.</summary>
    public static string RedactPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var afterKeyedSegment = KeyedSegments.Contains(segments[i - 1]) && !segments[i].Equals("recent", StringComparison.OrdinalIgnoreCase);
            if ((afterKeyedSegment && segments[i].Length > 0) || LooksLikeKey(segments[i]))
            {
                segments[i] = Shorten(segments[i]);
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>
    /// Any text a log line may carry (a message, a structured value, a scope): every path in it redacted as by
    /// <see cref="RedactPath"/>, and every other run of 20 or more key characters cut short, so that a key in a
    /// redirect target, a URL, a route value or an exception's message never reaches a log whole. Hexadecimal runs
    /// of 32 characters are trace ids (a key has 31 characters) and are kept, so log lines can still be correlated.
    /// </summary>
    public static string RedactText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var paths = PathInText().Replace(text, match => RedactPath(match.Value));
        return KeyRunInText().Replace(paths, match => IsTraceId(match.Value) ? match.Value : Shorten(match.Value));
    }

    private static bool IsTraceId(string run) => run.Length == 32 && run.All(char.IsAsciiHexDigitLower);

    // From a slash to the next character that cannot be in a path (white space, quotes, brackets, a comma).
    [GeneratedRegex(@"/[^\s""'<>()\[\]{},]*", RegexOptions.CultureInvariant)]
    private static partial Regex PathInText();

    [GeneratedRegex("(?<![0-9a-z])[0-9a-z]{20,}(?![0-9a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex KeyRunInText();

    private static bool LooksLikeKey(string segment) =>
        segment.Length >= 16 && segment.All(c => SecretKeyFormat.Alphabet.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal));

    private static string Shorten(string segment) =>
        segment.Length <= KeptKeyPrefix ? "…" : string.Concat(segment.AsSpan(0, KeptKeyPrefix), "…");

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, long elapsedMilliseconds);
}
