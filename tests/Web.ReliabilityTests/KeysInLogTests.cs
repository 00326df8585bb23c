using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// The built app started as an operator would, from a folder that is not its own, with the log raised to Debug and
/// Trace: every page and API flow, then a search of everything it wrote for a key.
/// </summary>
[NonParallelizable]
public sealed partial class KeysInLogTests : ReliabilityTest
{
    private PostgresCluster _postgres = null!;
    private string _foreignFolder = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        _foreignFolder = Directory.CreateTempSubdirectory("ots-foreign-cwd-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_foreignFolder is not null)
        {
            Directory.Delete(_foreignFolder, recursive: true);
        }
    }

    [TestCase("Debug")]
    [TestCase("Trace")]
    public async Task ShouldLogNoKey_AndServeTheStyleSheet_WhenStartedFromAnotherFolderAtALowLogLevel(string level)
    {
        ReliabilityReport.Begin("Keys in the log", $"the app started from a foreign working directory with every log level at {level}; every page and API flow");
        await using var app = new AppInstance(_postgres.AppConnectionString(), new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = level,
            ["Logging__LogLevel__Microsoft"] = level,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = level,
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = level,
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = level,
        })
        {
            WorkingDirectory = _foreignFolder,
        };
        var firstLine = AppInstance.Output.Count;
        await app.StartAsync();
        var keys = new List<string>();

        using var pages = new PageVisitor(app.BaseAddress);
        var styleSheet = await pages.GetAsync("/css/site.css");
        var home = await pages.GetAsync("/");
        var custId = $"log-{level.ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + "@example.org";
        SensitiveValues.Add(custId);
        var token = await pages.SignUpWithTokenAsync(custId);
        SensitiveValues.Add(token);

        // Pages: share, the creator's page, reveal, share with a passphrase, reveal it (wrong, then right), generate,
        // burn with its confirmation, the redirect of a burned secret's confirmation page.
        var plain = await pages.ShareAsync("/", "log scan page value 61c2");
        keys.AddRange([plain.MetadataKey, plain.SecretKey]);
        var reveal = await pages.GetAsync($"/secret/{plain.SecretKey}");
        Assert.That((await pages.PostAsync($"/secret/{plain.SecretKey}", reveal)).Html, Does.Contain("log scan page value 61c2"));
        var guarded = await pages.ShareAsync("/", "log scan guarded value 8e10", ("passphrase", "log scan passphrase 4d"));
        keys.AddRange([guarded.MetadataKey, guarded.SecretKey]);
        var guardedForm = await pages.GetAsync($"/secret/{guarded.SecretKey}");
        Assert.That((await pages.PostAsync($"/secret/{guarded.SecretKey}", guardedForm, ("passphrase", "log scan wrong guess"))).Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await pages.PostAsync($"/secret/{guarded.SecretKey}", guardedForm, ("passphrase", "log scan passphrase 4d"))).Html, Does.Contain("log scan guarded value 8e10"));
        var generated = await pages.ShareAsync("/generate", null);
        keys.AddRange([generated.MetadataKey, generated.SecretKey]);
        var toBurn = await pages.ShareAsync("/", "log scan burned value 0b3a");
        keys.AddRange([toBurn.MetadataKey, toBurn.SecretKey]);
        var confirm = await pages.GetAsync($"/private/{toBurn.MetadataKey}/burn");
        Assert.That((await pages.PostAsync($"/private/{toBurn.MetadataKey}/burn", confirm)).Status, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await pages.GetAsync($"/private/{toBurn.MetadataKey}/burn")).Status, Is.EqualTo(HttpStatusCode.Redirect), "a burned secret's confirmation redirects");
        Assert.That((await pages.GetAsync($"/private/{toBurn.MetadataKey}")).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await pages.GetAsync("/account")).Html, Does.Contain(plain.MetadataKey[..8]), "the account page lists recent secrets");

        // The API, as the account: share, generate, metadata, reveal with and without passphrase, burn, recent.
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{custId}:{token}")));
        var shared = await PostAsync(api, "/api/v1/share", ("secret", "log scan api value 2f"), ("ttl", "3600"));
        var protectedShare = await PostAsync(api, "/api/v1/share", ("secret", "log scan api guarded 9a"), ("passphrase", "log scan api passphrase"));
        var apiGenerated = await PostAsync(api, "/api/v1/generate");
        var toBurnApi = await PostAsync(api, "/api/v1/share", ("secret", "log scan api burned 3c"));
        foreach (var answer in new[] { shared, protectedShare, apiGenerated, toBurnApi })
        {
            keys.AddRange([answer["metadata_key"]!.GetValue<string>(), answer["secret_key"]!.GetValue<string>()]);
        }

        Assert.That((await api.GetAsync($"/api/v1/private/{shared["metadata_key"]}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PostAsync(api, $"/api/v1/secret/{shared["secret_key"]}"))["value"]!.GetValue<string>(), Is.EqualTo("log scan api value 2f"));
        Assert.That((await PostAsync(api, $"/api/v1/secret/{protectedShare["secret_key"]}", ("passphrase", "log scan api passphrase")))["value"]!.GetValue<string>(), Is.EqualTo("log scan api guarded 9a"));
        Assert.That((await api.PostAsync($"/api/v1/private/{toBurnApi["metadata_key"]}/burn", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await api.GetAsync("/api/v1/private/recent")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await pages.PostAsync("/signout", await pages.GetAsync("/account"))).Status, Is.EqualTo(HttpStatusCode.Redirect));

        app.Kill();
        keys.ForEach(SensitiveValues.Add);
        var log = AppInstance.Output.Skip(firstLine).ToList();
        var leaks = log.Where(line => keys.Any(key => line.Contains(key, StringComparison.Ordinal)) || KeyLike().IsMatch(line)).Take(5).ToList();
        ReliabilityReport.Fact($"{log.Count} log lines, {log.Count(line => line.Contains("redirect", StringComparison.OrdinalIgnoreCase))} about redirects, {leaks.Count} with a key; style sheet {(int)styleSheet.Status}");

        Assert.That(styleSheet.Status, Is.EqualTo(HttpStatusCode.OK), "wwwroot is served from the app's folder");
        Assert.That(home.Html, Does.Contain("/css/site.css"));
        Assert.That(log, Has.Some.Contains("redirecting to").IgnoreCase, $"the framework logged at {level} (appsettings.json was read and the level raised)");
        Assert.That(leaks, Is.Empty, "lines with a key:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        var json = await Api.ReadAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json?.ToJsonString());
        return json!;
    }

    // A run of 20 or more key characters that is not a 32-digit hexadecimal trace id.
    [GeneratedRegex("(?<![0-9a-z])(?![0-9a-f]{32}(?![0-9a-z]))[0-9a-z]{20,}(?![0-9a-z])")]
    private static partial Regex KeyLike();
}
