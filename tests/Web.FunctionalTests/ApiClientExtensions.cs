using System.Net;
using System.Text.Json.Nodes;

namespace OneTimeSecret.Web.FunctionalTests;

/// <summary>Small helpers to call the API as curl does and read its JSON.</summary>
public static class ApiClientExtensions
{
    private static readonly HashSet<string> SensitiveFields = ["secret", "passphrase", "recipient", "password", "note"];

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        foreach (var (name, value) in fields.Where(f => SensitiveFields.Contains(f.Name)))
        {
            LogCapture.AddSensitive(value);
        }

        return client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new AssertionException($"Empty JSON body: {text}");
    }

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonNode> ExpectJsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"), text);
        return JsonNode.Parse(text) ?? throw new AssertionException($"Empty JSON body: {text}");
    }

    /// <summary>Shares a secret anonymously (or as the client's account) and returns the response JSON.</summary>
    public static async Task<JsonNode> ShareAsync(this HttpClient client, string secret, params (string Name, string Value)[] more)
    {
        var response = await client.PostFormAsync("/api/v1/share", [("secret", secret), .. more]);
        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        LogCapture.AddSensitive(json["secret_key"]?.GetValue<string>());
        LogCapture.AddSensitive(json["metadata_key"]?.GetValue<string>());
        return json;
    }
}
