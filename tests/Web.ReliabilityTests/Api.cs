using System.Net;
using System.Text.Json.Nodes;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>Calls of the API as clients make them, remembering the sensitive values for the log scan.</summary>
public static class Api
{
    public static async Task<(HttpStatusCode Status, JsonNode? Json)> ShareAsync(HttpClient client, string secret, string? clientAddress = null)
    {
        SensitiveValues.Add(secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/share")
        {
            Content = new FormUrlEncodedContent([new("secret", secret), new("ttl", "3600")]),
        };
        AddClientAddress(request, clientAddress);
        using var response = await client.SendAsync(request);
        var json = await ReadAsync(response);
        SensitiveValues.Add(json?["secret_key"]?.GetValue<string>());
        SensitiveValues.Add(json?["metadata_key"]?.GetValue<string>());
        return (response.StatusCode, json);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Json)> RevealAsync(HttpClient client, string secretKey, string? clientAddress = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/secret/{secretKey}");
        AddClientAddress(request, clientAddress);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static void AddClientAddress(HttpRequestMessage request, string? clientAddress)
    {
        if (clientAddress is not null)
        {
            request.Headers.Add("X-Forwarded-For", clientAddress);
        }
    }
}
