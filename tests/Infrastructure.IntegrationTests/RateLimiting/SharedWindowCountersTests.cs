using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OneTimeSecret.Infrastructure.RateLimiting;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Infrastructure.IntegrationTests.RateLimiting;

/// <summary>
/// The budgets' counters on a real Redis (issue 17, shared budgets): two instances spend one budget; with Redis gone
/// they count alone, without an error, say so once and report degraded; with Redis back they share again.
/// </summary>
[NonParallelizable]
public sealed class SharedWindowCountersTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private RedisTestServer _redis = null!;
    private CollectingLoggerProvider _logs = null!;
    private ILoggerFactory _loggerFactory = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _redis = new RedisTestServer();
        await _redis.StartAsync();
        _logs = new CollectingLoggerProvider();
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
    }

    [TearDown]
    public async Task StopAsync()
    {
        _loggerFactory.Dispose();
        _logs.Dispose();
        await _redis.DisposeAsync();
    }

    private SharedWindowCounters Instance(TimeProvider clock, string? redis = null) => new(
        Options.Create(new SharedBudgetOptions { Redis = redis ?? _redis.ConnectionString }),
        clock,
        _loggerFactory.CreateLogger<SharedWindowCounters>());

    [Test]
    public void ShouldSpendOneBudget_WhenTwoInstancesCountTheSameKey()
    {
        using var first = Instance(TimeProvider.System);
        using var second = Instance(TimeProvider.System);

        for (var i = 0; i < 3; i++)
        {
            first.Add("reveal|client-a", Minute);
            second.Add("reveal|client-a", Minute);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Peek("reveal|client-a", Minute).Count, Is.EqualTo(6));
            Assert.That(second.Add("reveal|client-a", Minute).Count, Is.EqualTo(7));
            Assert.That(second.Peek("reveal|client-b", Minute).Count, Is.Zero, "another key has its own budget");
            Assert.That(first.IsShared && !first.IsDegraded, Is.True);
        }
    }

    [Test]
    public async Task ShouldStartANewWindow_WhenTheWindowHasEnded()
    {
        using var counters = Instance(TimeProvider.System);
        var window = TimeSpan.FromMilliseconds(400);

        counters.Add("short", window);
        var second = counters.Add("short", window);
        await Task.Delay(700);
        var afterWindow = counters.Add("short", window);

        Assert.That((second.Count, afterWindow.Count), Is.EqualTo((2L, 1L)));
        Assert.That(second.Remaining, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(window));
    }

    [Test]
    public async Task ShouldCountLocallyAndReportDegradedOnce_WhileRedisIsDown_AndShareAgainWhenItIsBack()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var counters = Instance(clock);
        counters.Add("signin|fred", Minute);

        await _redis.StopAsync();
        var timer = Stopwatch.StartNew();
        var whileDown = Enumerable.Range(0, 50).Select(_ => counters.Add("signin|fred", Minute).Count).ToList();
        timer.Stop();
        var degraded = counters.IsDegraded;
        var warnings = _logs.Lines.Count(l => l.StartsWith("Warning ", StringComparison.Ordinal));

        await _redis.StartAsync();
        // A key of its own per try: a try that timed out on a busy machine may still have counted in Redis.
        var shared = false;
        var waited = Stopwatch.StartNew();
        for (var attempt = 0; !shared && waited.Elapsed < TimeSpan.FromSeconds(30); attempt++)
        {
            clock.Advance(SharedWindowCounters.RetryInterval);
            var key = $"signin|back-{attempt}";
            shared = counters.Add(key, Minute).Count == 1 && !counters.IsDegraded && counters.Peek(key, Minute).Count == 1;
            await Task.Delay(200);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileDown, Is.EqualTo(Enumerable.Range(1, 50).Select(i => (long)i)), "the instance's own counts, without an error");
            Assert.That(degraded, Is.True);
            Assert.That(warnings, Is.EqualTo(1), "one warning for the outage, not one per request");
            Assert.That(timer.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "an outage does not make budget checks wait");
            Assert.That(shared, Is.True, "Redis counts again once it is back: " + _logs.AllText);
            Assert.That(_logs.Lines.Count(l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains("back", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));
        }
    }

    [Test]
    public void ShouldCountLocally_WhenNoRedisIsConfigured()
    {
        using var counters = new SharedWindowCounters(Options.Create(new SharedBudgetOptions()), TimeProvider.System, _loggerFactory.CreateLogger<SharedWindowCounters>());

        counters.Add("k", Minute);

        Assert.That((counters.IsShared, counters.IsDegraded, counters.Add("k", Minute).Count), Is.EqualTo((false, false, 2L)));
    }
}
