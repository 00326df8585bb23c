using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>
/// The generator's options (issue 16, item 11), as the live service's <c>generate</c> takes them: <c>length</c> (up to
/// 128) and <c>character_sets</c>, a hash of <c>uppercase</c>, <c>lowercase</c>, <c>numbers</c>, <c>symbols</c> and
/// <c>exclude_ambiguous</c>, sent Rack-style in a form (<c>character_sets[symbols]=true</c>) or as a JSON object.
/// </summary>
public sealed class GeneratorOptionsApiTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<string> GeneratedValueAsync(HttpContent body)
    {
        var generated = await (await _client.PostAsync("/api/v1/generate", body)).ExpectJsonAsync(HttpStatusCode.OK);
        var value = generated["value"]!.GetValue<string>();
        var revealed = await (await _client.PostAsync($"/api/v1/secret/{generated["secret_key"]!.GetValue<string>()}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo(value), "the stored secret is the value answered");
        return value;
    }

    private static StringContent Form(string body) => new(body, Encoding.ASCII, "application/x-www-form-urlencoded");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Test]
    public async Task ShouldMakeALongerPasswordWithSymbolsAndNoCapitals_WhenTheFormSaysSoRackStyle()
    {
        var value = await GeneratedValueAsync(Form("length=40&character_sets%5Buppercase%5D=false&character_sets[symbols]=true"));

        Assert.That(value, Has.Length.EqualTo(40));
        Assert.That(value, Does.Not.Match("[A-Z]"));
        Assert.That(value, Does.Match("[a-z]").And.Match("[2-9]").And.Match("[^A-Za-z0-9]"), "every chosen set appears at least once");
    }

    [Test]
    public async Task ShouldMakeAPinOfDigitsWithoutLookAlikes_WhenTheJsonBodyChoosesOnlyNumbers()
    {
        var value = await GeneratedValueAsync(Json("""{"length": 6, "character_sets": {"uppercase": false, "lowercase": false, "numbers": true}}"""));

        Assert.That(value, Does.Match("^[2-9]{6}$"));
    }

    [Test]
    public async Task ShouldAllowLookAlikes_WhenExcludeAmbiguousIsFalse()
    {
        var value = await GeneratedValueAsync(Form("length=128&character_sets[uppercase]=0&character_sets[lowercase]=0&character_sets[exclude_ambiguous]=false"));

        Assert.That(value, Does.Match("^[0-9]{128}$"));
        Assert.That(value, Does.Match("[01]"), "128 digits from ten hold a 0 or a 1 (else with a chance below 1e-12)");
    }

    [Test]
    public async Task ShouldKeepTheDefaults_WhenNoOptionIsGiven()
    {
        var value = await GeneratedValueAsync(Form("ttl=3600"));

        Assert.That(value, Does.Match("^[A-HJ-NP-Za-km-z2-9]{12}$"));
    }

    [TestCase("length=129", "Generated password length must be no more than 128 characters")]
    [TestCase("length=3", "Generated password length must be at least 4 characters")]
    [TestCase("length=twelve", "Parameter 'length' must be a whole number")]
    [TestCase("character_sets[uppercase]=false&character_sets[lowercase]=false&character_sets[numbers]=false",
        "Choose at least one character set: uppercase, lowercase, numbers or symbols")]
    [TestCase("character_sets[symbols]=maybe", "Parameter 'character_sets[symbols]' must be true or false")]
    public async Task ShouldAnswerAClearError_AndCreateNothing_WhenAnOptionIsWrong(string body, string message)
    {
        var answer = await (await _client.PostAsync("/api/v1/generate", Form(body))).ExpectJsonAsync(HttpStatusCode.BadRequest);

        Assert.That(answer.ToJsonString(), Is.EqualTo(new JsonObject { ["message"] = message }.ToJsonString()));
    }

    [Test]
    public async Task ShouldAnswerAClearError_WhenJsonCharacterSetsIsNotAnObjectOfBooleans()
    {
        var nested = await (await _client.PostAsync("/api/v1/generate", Json("""{"character_sets": {"symbols": {"deep": true}}}"""))).ExpectJsonAsync(HttpStatusCode.BadRequest);
        var text = await (await _client.PostAsync("/api/v1/generate", Json("""{"character_sets": {"symbols": "often"}}"""))).ExpectJsonAsync(HttpStatusCode.BadRequest);

        Assert.That(nested["message"]!.GetValue<string>(), Is.EqualTo("Parameter 'character_sets[symbols]' must be a string, a number or a boolean"));
        Assert.That(text["message"]!.GetValue<string>(), Is.EqualTo("Parameter 'character_sets[symbols]' must be true or false"));
    }
}
