using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Operations;

/// <summary>A database outage is an expected, handled condition: one concise warning, not a stack trace per request.</summary>
public sealed class DatabaseOutageLogTests
{
    [Test]
    public async Task ShouldLogAnOutageOnceAsAConciseWarning_ThenAtMostOnceEveryFewSeconds()
    {
        // Nothing listens on port 1: every request that needs the database meets a refused connection.
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=2",
            ["Database:MigrateOnStartup"] = "false",
        });
        using var client = app.CreateClient();
        var before = LogCapture.AllLines.Count;

        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync("/api/v1/share", new FormUrlEncodedContent([new("secret", "during the outage")]));
            await response.ExpectJsonAsync(HttpStatusCode.ServiceUnavailable);
        }

        var page = await client.GetAsync("/secret/abcdefghijklmnopqrstuvwxyz01234");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var during = LogCapture.AllLines.Skip(before).ToList();

        app.Clock.Advance(TimeSpan.FromSeconds(11));
        var later = await client.PostAsync("/api/v1/share", new FormUrlEncodedContent([new("secret", "still down")]));
        await later.ExpectJsonAsync(HttpStatusCode.ServiceUnavailable);
        var after = LogCapture.AllLines.Skip(before + during.Count).ToList();

        var loud = during.Where(IsWarningOrAbove).ToList();
        Assert.That(loud, Has.Count.EqualTo(1), string.Join(Environment.NewLine, loud.Select(Head)));
        Assert.That(loud[0], Does.StartWith("Warning ").And.Contain("Database unavailable").And.Contain("ConnectionRefused"));
        Assert.That(loud[0], Does.Not.Contain("   at "), "no stack trace");
        var again = after.Where(IsWarningOrAbove).ToList();
        Assert.That(again, Has.Count.EqualTo(1), string.Join(Environment.NewLine, again.Select(Head)));
        Assert.That(again[0], Does.Contain("Database unavailable").And.Contain("5 more"));
    }

    private static bool IsWarningOrAbove(string line) =>
        line.StartsWith("Warning ", StringComparison.Ordinal) || line.StartsWith("Error ", StringComparison.Ordinal)
        || line.StartsWith("Critical ", StringComparison.Ordinal);

    private static string Head(string line) => line.Length > 300 ? line[..300] : line;
}
