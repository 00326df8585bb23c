using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using OneTimeSecret.TestSupport;
using YamlDotNet.RepresentationModel;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// The app started with exactly the environment <c>docker-compose.yml</c> gives its <c>app</c> service, read from that
/// file (so the file users run is the file tested), with the image's own settings from the Dockerfile. Only the
/// compose service names are pointed at this machine's stand-ins: <c>db</c> at a PostgreSQL server of the test's own
/// (with the role and database the postgres image makes from the same file), <c>mailpit</c> at the SMTP test server.
/// </summary>
[NonParallelizable]
public sealed partial class ComposeEnvironmentTests : ReliabilityTest
{
    private const string DatabaseServiceName = "db";
    private const string MailServiceName = "mailpit";

    [Test]
    public async Task ShouldStartShareMailAndRevealOnce_WithTheComposeFilesEnvironment()
    {
        ReliabilityReport.Begin("Self-hosting", "the app started with exactly the environment of docker-compose.yml's app service (read from the file) and the Dockerfile's; status, an account's share emailed, reveal once, the image's health check");
        SmtpTestServer.RequireAiosmtpd();
        var dotEnv = new Dictionary<string, string>
        {
            ["POSTGRES_PASSWORD"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant(),
            ["OTS_MASTER_KEY"] = TestDatabase.MasterKey,
        };
        var compose = ReadCompose();
        var appEnvironment = Environment(compose, "app", dotEnv);
        var databaseEnvironment = Environment(compose, DatabaseServiceName, dotEnv);

        await using var postgres = await PostgresCluster.StartAsync("Reliability tests did not run");
        await MakeWhatThePostgresImageMakesAsync(postgres, databaseEnvironment);
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();

        var environment = new Dictionary<string, string>(appEnvironment);
        foreach (var (key, value) in DockerfileEnvironment())
        {
            environment.TryAdd(key, value);
        }

        var connection = new NpgsqlConnectionStringBuilder(environment["ConnectionStrings__Postgres"]);
        Assert.That(connection.Host, Is.EqualTo(DatabaseServiceName), "the app reaches the database by its service name");
        connection.Host = "127.0.0.1";
        connection.Port = postgres.Port;
        environment["ConnectionStrings__Postgres"] = connection.ConnectionString;
        Assert.That(environment["Smtp__Host"], Is.EqualTo(MailServiceName), "the app sends mail to the mail service");
        environment["Smtp__Host"] = "127.0.0.1";
        environment["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using var app = AppInstance.WithExactly(environment);
        await app.StartAsync();
        using var client = app.CreateClient();
        var status = await client.GetAsync("/api/v1/status");
        Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var health = await app.RunCommandAsync("health", "ready");
        Assert.That(health.ExitCode, Is.Zero, $"the image's HEALTHCHECK command: {health.Errors}");

        var added = await app.RunCommandAsync("users", "add", "alice@compose.test");
        Assert.That(added.ExitCode, Is.Zero, added.Errors);
        var token = added.Output.TrimEnd().Split('\n')[^1].Trim();
        const string Value = "compose stack value 7e1f";
        SensitiveValues.Add(Value);
        using var share = new HttpRequestMessage(HttpMethod.Post, "/api/v1/share")
        {
            Content = new FormUrlEncodedContent([new("secret", Value), new("recipient", "bob@compose.test")]),
        };
        share.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"alice@compose.test:{token}")));
        using var shared = await client.SendAsync(share);
        var json = await Api.ReadAsync(shared);
        Assert.That(shared.StatusCode, Is.EqualTo(HttpStatusCode.OK), json?.ToJsonString());
        var secretKey = json!["secret_key"]!.GetValue<string>();
        SensitiveValues.Add(secretKey);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (smtp.Messages().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        var mail = smtp.Messages();
        Assert.That(mail, Has.Count.EqualTo(1), "the recipient's email reached the mail service");
        Assert.That(mail[0].TextBody, Does.Contain($"{environment["App__BaseUrl"].TrimEnd('/')}/secret/{secretKey}"));

        var (first, revealed) = await Api.RevealAsync(client, secretKey);
        var (second, _) = await Api.RevealAsync(client, secretKey);
        Assert.That(first, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(revealed!["value"]!.GetValue<string>(), Is.EqualTo(Value));
        Assert.That(second, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(AppInstance.Output, Has.None.Contains("libgssapi"), "no Kerberos probe on each database connection");
        ReliabilityReport.Fact("started; status 200; health ready exit 0; the account's email caught by the mail service; revealed once, then 404");
    }

    /// <summary>The postgres image makes <c>POSTGRES_USER</c> with <c>POSTGRES_PASSWORD</c> and its database <c>POSTGRES_DB</c>.</summary>
    private static async Task MakeWhatThePostgresImageMakesAsync(PostgresCluster postgres, Dictionary<string, string> database)
    {
        var user = database["POSTGRES_USER"];
        await postgres.ExecuteAsync($"CREATE ROLE \"{user}\" LOGIN PASSWORD '{database["POSTGRES_PASSWORD"]}'");
        await postgres.ExecuteAsync($"CREATE DATABASE \"{database["POSTGRES_DB"]}\" OWNER \"{user}\"");
    }

    private static YamlMappingNode ReadCompose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryRoot(), "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>A service's <c>environment:</c> mapping with compose's variable substitution applied.</summary>
    private static Dictionary<string, string> Environment(YamlMappingNode compose, string service, IReadOnlyDictionary<string, string> dotEnv)
    {
        var services = (YamlMappingNode)compose.Children[new YamlScalarNode("services")];
        var environment = (YamlMappingNode)((YamlMappingNode)services.Children[new YamlScalarNode(service)]).Children[new YamlScalarNode("environment")];
        return environment.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!,
            pair => Substitute(((YamlScalarNode)pair.Value).Value ?? "", dotEnv));
    }

    /// <summary>Compose's <c>${NAME}</c>, <c>${NAME:-default}</c> and <c>${NAME:?error}</c>.</summary>
    private static string Substitute(string value, IReadOnlyDictionary<string, string> dotEnv) => Variable().Replace(value, match =>
    {
        var name = match.Groups["name"].Value;
        if (dotEnv.TryGetValue(name, out var given) && given.Length > 0)
        {
            return given;
        }

        return match.Groups["op"].Value switch
        {
            ":-" => match.Groups["rest"].Value,
            ":?" => throw new AssertionException($"docker-compose.yml requires {name}: {match.Groups["rest"].Value}"),
            _ => "",
        };
    });

    /// <summary>The <c>ENV</c> settings of the Dockerfile's last stage (the image users run).</summary>
    private static IEnumerable<KeyValuePair<string, string>> DockerfileEnvironment()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var runtime = text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        foreach (var line in runtime.Split('\n').Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (Match setting in EnvSetting().Matches(line[4..]))
            {
                yield return new(setting.Groups["name"].Value, setting.Groups["value"].Value);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OneTimeSecret.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (OneTimeSecret.sln) is not above the test's folder");
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:\?)(?<rest>[^}]*))?\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S+)")]
    private static partial Regex EnvSetting();
}
