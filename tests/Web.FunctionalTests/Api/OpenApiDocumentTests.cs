using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Web.FunctionalTests.Compatibility;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>The OpenAPI document describes every API v1 endpoint, and the shapes it documents are the ones the API writes.</summary>
public sealed partial class OpenApiDocumentTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _client = null!;
    private JsonNode _document = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        _client = _app.CreateClient();
        _document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Every (method, path) the app routes under /api/v1, with OpenAPI's path syntax.</summary>
    private IEnumerable<(string Method, string Path)> RoutedApiOperations()
    {
        var sources = _app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            if (!pattern.StartsWith("api/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            var path = "/" + CatchAll().Replace(pattern, "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                yield return (method.ToLowerInvariant(), path);
            }
        }
    }

    [GeneratedRegex(@"\{\*\*?([^}]+)\}")]
    private static partial Regex CatchAll();

    private JsonNode Operation(string method, string path) =>
        _document["paths"]?[path]?[method] ?? throw new AssertionException($"{method.ToUpperInvariant()} {path} is not in the document");

    /// <summary>The property names of the schema an operation documents for a status code.</summary>
    private HashSet<string> DocumentedProperties(string method, string path, string status)
    {
        var schema = Resolve(ResponseSchema(method, path, status));
        if (schema["type"]?.ToString() == "array")
        {
            schema = Resolve(schema["items"]!);
        }

        return Properties(schema);
    }

    private JsonNode ResponseSchema(string method, string path, string status) =>
        Operation(method, path)["responses"]?[status]?["content"]?["application/json"]?["schema"]
            ?? throw new AssertionException($"{method} {path} documents no JSON body for {status}");

    private static HashSet<string> Properties(JsonNode schema) => schema["properties"]!.AsObject().Select(p => p.Key).ToHashSet();

    private JsonNode Resolve(JsonNode schema)
    {
        var reference = schema["$ref"]?.GetValue<string>();
        return reference is null ? schema : _document["components"]!["schemas"]![reference.Split('/')[^1]]!;
    }

    private static IEnumerable<string> Keys(JsonNode json) => json.AsObject().Select(p => p.Key);

    [Test]
    public void ShouldListEveryApiV1Operation()
    {
        var routed = RoutedApiOperations().ToList();

        Assert.That(routed, Has.Count.GreaterThanOrEqualTo(14), "the routes themselves were found");
        Assert.Multiple(() =>
        {
            foreach (var (method, path) in routed)
            {
                Assert.That(_document["paths"]?[path]?[method], Is.Not.Null, $"{method.ToUpperInvariant()} {path}");
            }
        });
        var documented = _document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (o.Key, p.Key)));
        Assert.That(documented, Is.EquivalentTo(routed), "and nothing else");
    }

    [Test]
    public void ShouldDescribeTheParametersOfShare_AsFormAndJsonBodies()
    {
        var body = Operation("post", "/api/v1/share")["requestBody"]!["content"]!;

        Assert.That(Keys(body), Is.SupersetOf(new[] { "application/x-www-form-urlencoded", "multipart/form-data", "application/json" }));
        var schema = Resolve(body["application/json"]!["schema"]!);
        Assert.That(Keys(schema["properties"]!), Is.EquivalentTo(new[] { "secret", "passphrase", "ttl", "recipient", "share_domain", "message", "note" }));
        Assert.That(schema["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "secret" }));
    }

    [TestCase("post", "/api/v1/share", "400")]
    [TestCase("post", "/api/v1/share", "401")]
    [TestCase("post", "/api/v1/share", "403")]
    [TestCase("post", "/api/v1/share", "413")]
    [TestCase("post", "/api/v1/share", "503")]
    [TestCase("post", "/api/v1/share", "429")]
    [TestCase("post", "/api/v1/secret/{secretKey}", "429")]
    [TestCase("post", "/api/v1/secret/{secretKey}", "404")]
    [TestCase("post", "/api/v1/private/{metadataKey}/burn", "404")]
    [TestCase("get", "/api/v1/private/recent", "401")]
    public void ShouldDescribeErrors_WithTheMessageShape(string method, string path, string status)
    {
        var properties = DocumentedProperties(method, path, status);

        Assert.That(properties, Does.Contain("message"));
    }

    [Test]
    public async Task ShouldDocumentEveryAttributeTheApiWrites()
    {
        var account = await _app.AddAccountAsync("openapi@example.org");
        using var client = _app.CreateClient(account.CustId, account.ApiToken);
        var shared = await client.ShareAsync("documented", ("recipient", "documented@example.org"));
        var generated = await (await client.PostAsync("/api/v1/generate", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var metadata = await (await client.PostAsync($"/api/v1/private/{shared["metadata_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var revealed = await (await client.PostAsync($"/api/v1/secret/{shared["secret_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var received = await (await client.PostAsync($"/api/v1/private/{shared["metadata_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var burned = await (await client.PostAsync($"/api/v1/private/{generated["metadata_key"]}/burn", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var guarded = await client.ShareAsync("documented, guarded", ("passphrase", "Passphrase-5e0a"));
        for (var i = 0; i < 10; i++)
        {
            await (await client.PostFormAsync($"/api/v1/secret/{guarded["secret_key"]}", ("passphrase", $"wrong {i}"))).ExpectJsonAsync(HttpStatusCode.NotFound);
        }

        var exceeded = await (await client.GetAsync($"/api/v1/private/{guarded["metadata_key"]}")).ExpectJsonAsync(HttpStatusCode.OK);
        var recent = await (await client.GetAsync("/api/v1/private/recent")).ExpectJsonAsync(HttpStatusCode.OK);
        var status = await (await client.GetAsync("/api/v1/status")).ExpectJsonAsync(HttpStatusCode.OK);
        var customer = await (await client.GetAsync("/api/v1/authcheck")).ExpectJsonAsync(HttpStatusCode.OK);
        var unknown = await (await client.PostAsync("/api/v1/secret/nosuchkey", null)).ExpectJsonAsync(HttpStatusCode.NotFound);
        var metadataKeys = Keys(metadata).Union(Keys(received)).Union(Keys(exceeded)).ToList();
        var recentKeys = recent.AsArray().SelectMany(m => Keys(m!)).Distinct().ToList();

        // The conditional fields were all written, so that each of them is checked below.
        Assert.That(metadataKeys, Is.SupersetOf(new[] { "recipient", "email_status", "received", "passphrase_attempts_exceeded", "secret_key", "share_url" }));
        Assert.That(recentKeys, Is.SupersetOf(new[] { "email_status", "received", "passphrase_attempts_exceeded" }));
        Assert.Multiple(() =>
        {
            Assert.That(Keys(shared), Is.SubsetOf(DocumentedProperties("post", "/api/v1/share", "200")));
            Assert.That(Keys(generated), Is.SubsetOf(DocumentedProperties("post", "/api/v1/generate", "200")));
            Assert.That(metadataKeys, Is.SubsetOf(DocumentedProperties("post", "/api/v1/private/{metadataKey}", "200")));
            Assert.That(Keys(revealed), Is.SubsetOf(DocumentedProperties("post", "/api/v1/secret/{secretKey}", "200")));
            Assert.That(Keys(burned), Is.SubsetOf(DocumentedProperties("post", "/api/v1/private/{metadataKey}/burn", "200")));
            Assert.That(Keys(burned["state"]!), Is.SubsetOf(Properties(Resolve(Resolve(ResponseSchema("post", "/api/v1/private/{metadataKey}/burn", "200"))["properties"]!["state"]!))));
            Assert.That(recentKeys, Is.SubsetOf(DocumentedProperties("get", "/api/v1/private/recent", "200")));
            Assert.That(Keys(status), Is.SubsetOf(DocumentedProperties("get", "/api/v1/status", "200")));
            Assert.That(Keys(customer), Is.SubsetOf(DocumentedProperties("get", "/api/v1/authcheck", "200")));
            Assert.That(Keys(unknown), Is.SubsetOf(DocumentedProperties("post", "/api/v1/secret/{secretKey}", "404")));
        });
    }

    [TestCase("share", "post", "/api/v1/share", "200")]
    [TestCase("generate", "post", "/api/v1/generate", "200")]
    [TestCase("metadata", "get", "/api/v1/private/{metadataKey}", "200")]
    [TestCase("metadata", "post", "/api/v1/metadata/{metadataKey}", "200")]
    [TestCase("recent", "get", "/api/v1/private/recent", "200")]
    [TestCase("burn", "post", "/api/v1/private/{metadataKey}/burn", "200")]
    [TestCase("secret", "post", "/api/v1/secret/{secretKey}", "200")]
    [TestCase("status", "get", "/api/v1/status", "200")]
    [TestCase("authcheck", "get", "/api/v1/authcheck", "200")]
    [TestCase("error", "post", "/api/v1/secret/{secretKey}", "404")]
    [TestCase("error", "post", "/api/v1/share", "400")]
    [TestCase("request", "post", "/api/v1/requests", "200")]
    [TestCase("requests", "get", "/api/v1/requests", "200")]
    [TestCase("request", "get", "/api/v1/requests/{requestKey}", "200")]
    [TestCase("request", "post", "/api/v1/requests/{requestKey}/cancel", "200")]
    [TestCase("request-answered", "post", "/api/v1/requests/{requestKey}/answer", "200")]
    [TestCase("error", "post", "/api/v1/requests/{requestKey}/answer", "404")]
    [TestCase("error", "get", "/api/v1/requests/{requestKey}", "404")]
    public void ShouldNameTheSamePropertiesAsTheJsonSchemas(string schemaName, string method, string path, string status)
    {
        var contract = JsonSchemaFiles.PropertyNames(schemaName);

        Assert.That(contract, Is.Not.Empty);
        Assert.That(DocumentedProperties(method, path, status), Is.EquivalentTo(contract), $"the OpenAPI answer of {method} {path} and docs/api/v1/{schemaName}.schema.json");
    }

    [Test]
    public async Task ShouldServeTheReferencePage_WithoutExternalAssets()
    {
        var page = await _client.GetAsync("/docs");
        var html = await page.Content.ReadAsStringAsync();
        var script = await _client.GetAsync("/docs/scalar.js");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("<script src=\"scalar.js\">"));
        Assert.That(html, Does.Not.Match("(src|href)=\"(https?:)?//"), "nothing is loaded from another host");
        Assert.That(html, Does.Contain("\"withDefaultFonts\":false"));
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ShouldServeNeitherDocumentNorPage_WhenApiDocsAreDisabled()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["ApiDocs:Enabled"] = "false" });
        using var client = app.CreateClient();

        Assert.That((await client.GetAsync("/openapi/v1.json")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.GetAsync("/docs")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
