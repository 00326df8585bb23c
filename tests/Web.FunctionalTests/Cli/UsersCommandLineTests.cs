using System.Diagnostics;
using System.Net;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.FunctionalTests.Cli;

/// <summary>
/// The account commands of the real executable (<c>dotnet OneTimeSecret.Web.dll users ...</c>), run as a self-hoster
/// would, against a database the web app then serves.
/// </summary>
public sealed class UsersCommandLineTests
{
    private SqliteTestDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = new SqliteTestDatabase();

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _database.Folder,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__Sqlite"] = _database.ConnectionString,
                ["Encryption__MasterKey"] = TestDatabase.MasterKey,
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OneTimeSecret.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    [Test]
    public async Task ShouldPrintAWorkingTokenAloneOnTheLastLine_WhenAUserIsAdded()
    {
        var (exitCode, output, errors) = await RunAsync("users", "add", "Admin@Example.org", "--plan", "basic");

        Assert.That(exitCode, Is.Zero, errors);
        var token = LastLine(output);
        Assert.That(token, Does.Match("^[0-9a-z]{40}$"));

        await using var app = await OneTimeSecretAppOnDatabase(_database);
        using var client = app.CreateClient("admin@example.org", token);
        var json = await (await client.GetAsync("/api/v1/authcheck")).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(json["planid"]!.GetValue<string>(), Is.EqualTo("basic"));
    }

    [Test]
    public async Task ShouldListIssueAndRemove_WhenAskedInTurn()
    {
        var added = await RunAsync("users", "add", "ops");
        var duplicate = await RunAsync("users", "add", "ops");
        var token = await RunAsync("users", "token", "ops", "--revoke-others");
        var list = await RunAsync("users", "list");
        var removed = await RunAsync("users", "remove", "ops");
        var removedAgain = await RunAsync("users", "remove", "ops");

        Assert.That(added.ExitCode, Is.Zero, added.Errors);
        Assert.That(duplicate.ExitCode, Is.EqualTo(1));
        Assert.That(duplicate.Errors, Does.Contain("already exists"));
        Assert.That(token.ExitCode, Is.Zero, token.Errors);
        Assert.That(LastLine(token.Output), Does.Match("^[0-9a-z]{40}$").And.Not.EqualTo(LastLine(added.Output)));
        Assert.That(list.Output, Does.Contain("ops").And.Contain("basic"));
        Assert.That(list.Output, Does.Not.Contain(LastLine(token.Output)));
        Assert.That(removed.ExitCode, Is.Zero, removed.Errors);
        Assert.That(removedAgain.ExitCode, Is.EqualTo(1));
    }

    [TestCase("users")]
    [TestCase("users", "frobnicate")]
    [TestCase("users", "add", "bob", "--plan")]
    public async Task ShouldPrintUsageAndExitWith2_WhenTheCommandIsIncomplete(params string[] args)
    {
        var (exitCode, output, errors) = await RunAsync(args);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(errors, Does.Contain("Usage"));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public async Task ShouldRefuseAnUnknownPlan_WithAClearMessage()
    {
        var (exitCode, _, errors) = await RunAsync("users", "add", "bob", "--plan", "platinum");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("plan must be one of"));
    }

    [Test]
    public async Task ShouldStopWithAClearMessage_WhenNoMasterKeyIsConfiguredOutsideDevelopment()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _database.Folder,
            Environment = { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ConnectionStrings__Sqlite"] = _database.ConnectionString },
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "OneTimeSecret.Web.dll"), "users", "list" },
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.Not.Zero);
        Assert.That(errors, Does.Contain("Encryption:MasterKey"));
        Assert.That(errors, Does.Not.Contain("   at "), "no stack trace for a configuration mistake");
    }

    private static async Task<OneTimeSecretApp> OneTimeSecretAppOnDatabase(SqliteTestDatabase database) =>
        await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Sqlite"] = database.ConnectionString,
        });
}
