using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Telemetry;
using OpenTelemetry.Exporter;

namespace OneTimeSecret.Web.FunctionalTests.Operations;

public sealed partial class MetricsEndpointTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Every scrape fresh: the exporter otherwise answers from a short cache.
        _app = await OneTimeSecretApp.StartAsync(configureServices: services =>
            services.Configure<PrometheusAspNetCoreOptions>(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        _client = _app.CreateClient();

        // Prometheus on the same host: metrics are served to loopback only by default.
        _client.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, "127.0.0.1");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await _client.GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a counter over the series whose labels contain every one of <paramref name="labels"/>.</summary>
    private static double Counter(string scrape, string name, params string[] labels)
    {
        var total = 0d;
        foreach (Match match in SampleLine().Matches(scrape))
        {
            if (match.Groups["name"].Value == name && labels.All(l => match.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                total += double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [Test]
    public async Task ShouldCountCreatedAndRevealedSecrets_AfterAShareAndAReveal()
    {
        var before = await ScrapeAsync();

        var shared = await _client.ShareAsync("metrics value 7f3a");
        var key = shared["secret_key"]!.GetValue<string>();
        await (await _client.PostAsync($"/api/v1/secret/{key}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var after = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(
                Counter(after, "ots_secrets_created_total", "kind=\"share\"", "plan=\"anonymous\"")
                - Counter(before, "ots_secrets_created_total", "kind=\"share\"", "plan=\"anonymous\""),
                Is.GreaterThanOrEqualTo(1));
            Assert.That(Counter(after, "ots_secrets_revealed_total") - Counter(before, "ots_secrets_revealed_total"), Is.GreaterThanOrEqualTo(1));
            Assert.That(Counter(after, "http_server_request_duration_seconds_count", "http_route=\"api/v1/share\""), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task ShouldCountBurnedSecretsAndRejectedPassphrases()
    {
        var before = await ScrapeAsync();

        var burned = await _client.ShareAsync("to burn");
        await (await _client.PostAsync($"/api/v1/private/{burned["metadata_key"]!.GetValue<string>()}/burn", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var locked = await _client.ShareAsync("locked", ("passphrase", "right"));
        await (await _client.PostFormAsync($"/api/v1/secret/{locked["secret_key"]!.GetValue<string>()}", ("passphrase", "wrong")))
            .ExpectJsonAsync(HttpStatusCode.NotFound);
        var after = await ScrapeAsync();

        Assert.That(Counter(after, "ots_secrets_burned_total") - Counter(before, "ots_secrets_burned_total"), Is.GreaterThanOrEqualTo(1));
        Assert.That(
            Counter(after, "ots_secrets_passphrase_rejected_total") - Counter(before, "ots_secrets_passphrase_rejected_total"),
            Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task ShouldNeverShowAKeyOrAValue_InAnyLabel()
    {
        var shared = await _client.ShareAsync("label leak check 91c2", ("passphrase", "passphrase 3b8e"));
        var secretKey = shared["secret_key"]!.GetValue<string>();
        var metadataKey = shared["metadata_key"]!.GetValue<string>();
        await _client.PostFormAsync($"/api/v1/secret/{secretKey}", ("passphrase", "passphrase 3b8e"));
        await _client.PostAsync($"/api/v1/private/{metadataKey}", null);

        var scrape = await ScrapeAsync();

        Assert.That(scrape, Does.Not.Contain(secretKey));
        Assert.That(scrape, Does.Not.Contain(metadataKey));
        Assert.That(scrape, Does.Not.Contain("91c2"));
        Assert.That(scrape, Does.Not.Contain("3b8e"));
        Assert.That(scrape, Does.Contain("http_route=\"api/v1/secret/{**secretKey}\""), "routes appear as templates");
    }

    [Test]
    public async Task ShouldExportThePurgeAndMailCounters_WhenTheyCount()
    {
        var before = await ScrapeAsync();

        SecretMetrics.SecretsExpired(3);
        SecretMetrics.EmailSent();
        SecretMetrics.EmailFailed();
        var after = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Counter(after, "ots_secrets_expired_total") - Counter(before, "ots_secrets_expired_total"), Is.GreaterThanOrEqualTo(3));
            Assert.That(Counter(after, "ots_emails_sent_total") - Counter(before, "ots_emails_sent_total"), Is.GreaterThanOrEqualTo(1));
            Assert.That(Counter(after, "ots_emails_failed_total") - Counter(before, "ots_emails_failed_total"), Is.GreaterThanOrEqualTo(1));
        });
    }
}
