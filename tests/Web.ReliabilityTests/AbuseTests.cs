using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>Key guessing and bad input against the real server (Kestrel), each with what was stored checked.</summary>
[NonParallelizable]
public sealed class AbuseTests : ReliabilityTest
{
    private PostgresCluster _postgres = null!;
    private AppInstance _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        _app = new AppInstance(_postgres.AppConnectionString(), new Dictionary<string, string>
        {
            ["RateLimits__Enabled"] = "true",
            ["RateLimits__Reveal__PermitLimit"] = "100",
            ["RateLimits__Reveal__WindowSeconds"] = "60",
            ["RateLimits__Create__PermitLimit"] = "1000",
            ["ReverseProxy__KnownProxies__0"] = "127.0.0.1",
        });
        await _app.StartAsync();
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private async Task<long> StoredSecretsAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres.AppConnectionString());
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM secrets", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task ShouldMeet429s_When300RandomKeysAreTriedFromOneAddress_WhileAnotherAddressStillReveals()
    {
        ReliabilityReport.Begin("Key guessing", "300 quick reveals of random keys from one client address (behind a trusted proxy)");
        var (_, shared) = await Api.ShareAsync(_client, "found by its owner 5a5a", "198.51.100.20");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            statuses.Add((await Api.RevealAsync(_client, $"{Guid.NewGuid():N}"[..31], "203.0.113.50")).Status);
        }

        var (ownerStatus, revealed) = await Api.RevealAsync(_client, shared!["secret_key"]!.GetValue<string>(), "198.51.100.20");
        ReliabilityReport.Fact($"{statuses.Count(s => s == HttpStatusCode.NotFound)} × 404 then {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} × 429; the owner at another address got {(int)ownerStatus}");
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.GreaterThanOrEqualTo(190));
        Assert.That(ownerStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(revealed!["value"]!.GetValue<string>(), Is.EqualTo("found by its owner 5a5a"));
    }

    [Test]
    public async Task ShouldIgnoreForwardedAddresses_FromProxiesThatAreNotTrusted()
    {
        ReliabilityReport.Begin("Key guessing", "300 reveals with a different X-Forwarded-For each time, sent straight to an instance that trusts no proxy");
        await using var app = new AppInstance(_postgres.AppConnectionString(), new Dictionary<string, string>
        {
            ["RateLimits__Enabled"] = "true",
            ["RateLimits__Reveal__PermitLimit"] = "100",
        });
        await app.StartAsync();
        using var client = app.CreateClient();

        var limited = 0;
        for (var i = 0; i < 300; i++)
        {
            if ((await Api.RevealAsync(client, $"{Guid.NewGuid():N}"[..31], $"10.9.{i / 250}.{i % 250}")).Status == HttpStatusCode.TooManyRequests)
            {
                limited++;
            }
        }

        ReliabilityReport.Fact($"{limited} × 429: a forged X-Forwarded-For does not buy a new budget");
        Assert.That(limited, Is.GreaterThanOrEqualTo(190));
    }

    public static IEnumerable<TestCaseData> BadRequests()
    {
        static HttpRequestMessage Form(string body, string contentType = "application/x-www-form-urlencoded") =>
            new(HttpMethod.Post, "/api/v1/share") { Content = new StringContent(body, Encoding.UTF8, contentType) };

        static HttpRequestMessage Raw(byte[] body, string contentType) =>
            new(HttpMethod.Post, "/api/v1/share") { Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } } };

        static HttpRequestMessage WithAuth(string header)
        {
            var request = Form("secret=x");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            return request;
        }

        yield return new TestCaseData("empty secret", (Func<HttpRequestMessage>)(() => Form("secret=")), 400);
        yield return new TestCaseData("whitespace-only secret", (Func<HttpRequestMessage>)(() => Form("secret=%20%20%0A%09")), 400);
        yield return new TestCaseData("secret of the plan's size + 1 (1,001 characters)", (Func<HttpRequestMessage>)(() => Form("secret=" + new string('a', 1001))), 413);
        yield return new TestCaseData("50 MB body (refused before it is sent, on Expect: 100-continue)", (Func<HttpRequestMessage>)(() =>
        {
            var request = Raw(new byte[50 * 1024 * 1024], "application/x-www-form-urlencoded");
            request.Headers.ExpectContinue = true;
            return request;
        }), 413);
        yield return new TestCaseData("invalid UTF-8", (Func<HttpRequestMessage>)(() => Raw([.. "secret="u8, 0xFF, 0xFE], "application/x-www-form-urlencoded")), 400);
        yield return new TestCaseData("NUL byte in the secret", (Func<HttpRequestMessage>)(() => Form("secret=a%00b")), 400);
        yield return new TestCaseData("malformed basic auth", (Func<HttpRequestMessage>)(() => WithAuth("Basic ###")), 401);
        yield return new TestCaseData("empty basic auth", (Func<HttpRequestMessage>)(() => WithAuth("Basic ")), 401);
        yield return new TestCaseData("huge basic auth (20 KB)", (Func<HttpRequestMessage>)(() => WithAuth("Basic " + Convert.ToBase64String(new byte[15_000]))), 401);
        yield return new TestCaseData("wrong content type (text/plain)", (Func<HttpRequestMessage>)(() => Form("secret=x", "text/plain")), 415);
        yield return new TestCaseData("wrong content type (application/xml)", (Func<HttpRequestMessage>)(() => Form("<secret>x</secret>", "application/xml")), 415);
        yield return new TestCaseData("duplicate parameters", (Func<HttpRequestMessage>)(() => Form("secret=a&secret=b")), 400);
        yield return new TestCaseData("JSON that is not an object", (Func<HttpRequestMessage>)(() => Form("[1,2]", "application/json")), 400);
        yield return new TestCaseData("JSON value with a lone surrogate escape", (Func<HttpRequestMessage>)(() => Raw("{\"secret\":\"a\\ud800b\"}"u8.ToArray(), "application/json")), 400);
        yield return new TestCaseData("JSON property name with a lone surrogate escape", (Func<HttpRequestMessage>)(() => Raw("{\"secret\":\"x\",\"a\\ud800b\":\"y\"}"u8.ToArray(), "application/json")), 400);
        yield return new TestCaseData("JSON reveal passphrase with a lone surrogate escape", (Func<HttpRequestMessage>)(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/secret/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
        {
            Content = new ByteArrayContent("{\"passphrase\":\"\\ud800\"}"u8.ToArray()) { Headers = { ContentType = MediaTypeHeaderValue.Parse("application/json") } },
        }), 400);
        yield return new TestCaseData("Latin-1 bytes in a JSON string", (Func<HttpRequestMessage>)(() => Raw([.. "{\"secret\":\"caf"u8, 0xE9, .. "\"}"u8], "application/json")), 400);
    }

    [TestCaseSource(nameof(BadRequests))]
    public async Task ShouldAnswerAClear4xxAndStoreNothing_WhenTheInputIsBad(string what, Func<HttpRequestMessage> build, int expected)
    {
        ReliabilityReport.Begin("Bad input", what);
        var storedBefore = await StoredSecretsAsync();
        using var request = build();
        request.Headers.Add("X-Forwarded-For", $"192.0.2.{Random.Shared.Next(1, 250)}");

        using var response = await _client.SendAsync(request);
        var json = await Api.ReadAsync(response);

        ReliabilityReport.Fact($"{(int)response.StatusCode} \"{json?["message"]?.GetValue<string>()}\"; rows stored: {await StoredSecretsAsync() - storedBefore}");
        Assert.That((int)response.StatusCode, Is.EqualTo(expected));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(json?["message"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
        Assert.That(await StoredSecretsAsync(), Is.EqualTo(storedBefore));
    }

    [TestCase("-1", 604800)]
    [TestCase("0", 604800)]
    [TestCase("1e99", 604800)]
    [TestCase("banana", 604800)]
    public async Task ShouldUseTheEffectiveTtl_WhenTheTtlIsOutOfRangeOrNotANumber(string ttl, long expected)
    {
        ReliabilityReport.Begin("Bad input", $"ttl={ttl} (clamped or defaulted, as on the live service, instead of an error)");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/share") { Content = new FormUrlEncodedContent([new("secret", "ttl probe"), new("ttl", ttl)]) };

        using var response = await _client.SendAsync(request);
        var json = await Api.ReadAsync(response);

        ReliabilityReport.Fact($"{(int)response.StatusCode}, effective ttl {json?["ttl"]}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json!["ttl"]!.GetValue<long>(), Is.EqualTo(expected));
    }

    [TestCase("slash", "abc/def")]
    [TestCase("dot-dot", "..%2F..%2Fetc")]
    [TestCase("10,000 characters", null)]
    public async Task ShouldAnswerUnknownSecret_WhenTheKeyIsOdd(string what, string? key)
    {
        ReliabilityReport.Begin("Bad input", $"reveal with a key holding {what}");
        var path = $"/api/v1/secret/{key ?? new string('k', 10_000)}";

        using var response = await _client.PostAsync(path, null);
        var json = await Api.ReadAsync(response);

        ReliabilityReport.Fact($"{(int)response.StatusCode} \"{json?["message"]}\"");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
    }

    [Test]
    public async Task ShouldRefuseANulInThePath_BeforeTheApp()
    {
        ReliabilityReport.Begin("Bad input", "reveal with %00 in the key (path)");

        using var response = await _client.PostAsync("/api/v1/secret/abc%00def", null);

        ReliabilityReport.Fact($"{(int)response.StatusCode} from Kestrel, which rejects NUL in paths before any app code runs");
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }

    [TestCase("HTML", "<script>alert('x')</script><b>bold</b>")]
    [TestCase("SQL", "'; DROP TABLE secrets; -- \" OR 1=1")]
    [TestCase("emoji", "🔐🗝️ 👩🏽‍💻 𝄞")]
    [TestCase("right-to-left", "‏שלום עולם – مرحبا بالعالم‎")]
    public async Task ShouldRoundTripByteForByte_WhenTheSecretHoldsSpecialText(string what, string value)
    {
        ReliabilityReport.Begin("Round trip", $"a secret of {what}");

        var (status, shared) = await Api.ShareAsync(_client, value, "198.51.100.30");
        var (revealStatus, revealed) = await Api.RevealAsync(_client, shared!["secret_key"]!.GetValue<string>(), "198.51.100.30");

        var back = revealed!["value"]!.GetValue<string>();
        ReliabilityReport.Fact($"{(int)status} then {(int)revealStatus}; {Encoding.UTF8.GetByteCount(back)} bytes back, identical: {Encoding.UTF8.GetBytes(back).SequenceEqual(Encoding.UTF8.GetBytes(value))}");
        Assert.That(Encoding.UTF8.GetBytes(back), Is.EqualTo(Encoding.UTF8.GetBytes(value)));
    }
}
