using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OneTimeSecret.Infrastructure.RateLimiting;

/// <summary>
/// The budgets' counters as the app uses them: in Redis when <c>RateLimits:Redis</c> is set, so that every instance
/// spends the same budget, with the instance's own counters as the fallback. While Redis cannot be reached, no request
/// is refused for that reason: the local counts apply, <see cref="IsDegraded"/> is true (the readiness check reports
/// it), one warning is logged when the outage starts and one line when Redis is back, and Redis is tried again at most
/// every <see cref="RetryInterval"/>, so an outage costs a request nothing. See ADR 17.
/// </summary>
public sealed partial class SharedWindowCounters : IWindowCounters, IDisposable
{
    /// <summary>How long the local counters are used after Redis failed, before Redis is tried again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    // One atomic step: add, start the window's expiry with its first count, answer the count and the time left.
    private const string AddScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
        return { count, ttl }
        """;

    private const string PeekScript = """
        local count = redis.call('GET', KEYS[1])
        if not count then return { 0, -2 } end
        return { tonumber(count), redis.call('PTTL', KEYS[1]) }
        """;

    private const string KeyPrefix = "ots:budget:";

    private readonly LocalWindowCounters _local;
    private readonly TimeProvider _clock;
    private readonly ILogger<SharedWindowCounters> _logger;
    private readonly Lazy<ConnectionMultiplexer>? _redis;
    private readonly Lock _state = new();
    private DateTimeOffset _retryAt;
    private bool _degraded;

    public SharedWindowCounters(IOptions<SharedBudgetOptions> options, TimeProvider clock, ILogger<SharedWindowCounters> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        _logger = logger;
        _local = new LocalWindowCounters(clock);
        if (!string.IsNullOrWhiteSpace(options.Value.Redis))
        {
            var configuration = ConfigurationOptions.Parse(options.Value.Redis);

            // Never wait for Redis: an unreachable server fails a command at once instead of queueing it.
            configuration.AbortOnConnectFail = false;
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
            configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 500);
            configuration.ConnectRetry = 1;
            _redis = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration));
        }
    }

    /// <summary>Whether the counts are shared between instances.</summary>
    public bool IsShared => _redis is not null;

    /// <summary>True while Redis is configured but the local counters stand in for it.</summary>
    public bool IsDegraded
    {
        get
        {
            lock (_state)
            {
                return _degraded;
            }
        }
    }

    public WindowCount Add(string key, TimeSpan window, long amount = 1) =>
        Shared(db => Read(db.ScriptEvaluate(AddScript, [RedisKey(key)], [amount, (long)window.TotalMilliseconds]), window))
        ?? _local.Add(key, window, amount);

    public WindowCount Peek(string key, TimeSpan window) =>
        Shared(db => Read(db.ScriptEvaluate(PeekScript, [RedisKey(key)]), window))
        ?? _local.Peek(key, window);

    /// <summary>
    /// Budget keys name clients and accounts (addresses, custids that are email addresses): Redis sees only a hash of
    /// them, so its keys, its monitor output and its dumps hold none.
    /// </summary>
    private static string RedisKey(string key) =>
        KeyPrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private static WindowCount Read(RedisResult result, TimeSpan window)
    {
        var values = (RedisResult[])result!;
        var remaining = (long)values[1];
        return new WindowCount((long)values[0], remaining > 0 ? TimeSpan.FromMilliseconds(remaining) : window);
    }

    private WindowCount? Shared(Func<IDatabase, WindowCount> call)
    {
        if (_redis is null)
        {
            return null;
        }

        lock (_state)
        {
            if (_degraded && _clock.GetUtcNow() < _retryAt)
            {
                return null;
            }
        }

        try
        {
            var redis = _redis.Value;
            if (!redis.IsConnected)
            {
                Degrade("not connected");
                return null;
            }

            var count = call(redis.GetDatabase());
            lock (_state)
            {
                if (_degraded)
                {
                    _degraded = false;
                    LogShared(_logger);
                }
            }

            return count;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            Degrade(exception.GetType().Name);
            return null;
        }
    }

    private void Degrade(string reason)
    {
        lock (_state)
        {
            _retryAt = _clock.GetUtcNow() + RetryInterval;
            if (!_degraded)
            {
                _degraded = true;
                LogLocal(_logger, reason);
            }
        }
    }

    public void Dispose()
    {
        if (_redis is { IsValueCreated: true })
        {
            _redis.Value.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis (RateLimits:Redis) cannot be reached ({Error}): budgets are counted per instance until it is back")]
    private static partial void LogLocal(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis (RateLimits:Redis) is back: budgets are shared again")]
    private static partial void LogShared(ILogger logger);
}
