using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OneTimeSecret.LoadTest;

/// <summary>
/// The two API calls of the benchmark, over one pooled HTTP/1.1 client with a connection per concurrent client.
/// Failures are counted by kind (status code or exception type); no secret value or key is ever printed.
/// </summary>
public sealed class ServiceClient : IDisposable
{
    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    private readonly HttpClient _http;
    private readonly Uri _shareUri;
    private readonly Uri _baseUri;

    public ServiceClient(Uri baseUrl, int connections)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
        _baseUri = baseUrl;
        _shareUri = new Uri(baseUrl, "api/v1/share");
    }

    public ConcurrentDictionary<string, int> ErrorKinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether <c>GET api/v1/status</c> answers 200, so a wrong URL fails fast instead of as a run of errors.</summary>
    public async Task<string?> CheckStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(_baseUri, "api/v1/status"), cancellationToken);
            return response.IsSuccessStatusCode ? null : $"GET api/v1/status answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception)
        {
            return $"GET api/v1/status failed: {exception.Message}";
        }
    }

    /// <summary>POST share with a prepared form body; the new secret key, or <c>null</c> on any failure.</summary>
    public async Task<string?> ShareAsync(byte[] formBody, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _shareUri) { Content = Form(formBody) };
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Fail($"share: HTTP {(int)response.StatusCode}");
            }

            return FindString(body, "secret_key"u8) ?? Fail("share: no secret_key in the answer");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return Fail($"share: {exception.GetType().Name}");
        }
    }

    /// <summary>POST secret/{key}; succeeds only when the answer holds exactly <paramref name="expectedValue"/>.</summary>
    public async Task<bool> RevealAsync(string secretKey, byte[]? formBody, byte[] expectedValue, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, "api/v1/secret/" + secretKey))
            {
                Content = formBody is null ? null : Form(formBody),
            };
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Fail($"reveal: HTTP {(int)response.StatusCode}");
                return false;
            }

            if (!HasValue(body, expectedValue))
            {
                Fail("reveal: wrong or missing value");
                return false;
            }

            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            Fail($"reveal: {exception.GetType().Name}");
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    private static ByteArrayContent Form(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = FormContentType;
        return content;
    }

    private static string? FindString(byte[] json, ReadOnlySpan<byte> propertyName)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(propertyName))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }

        return null;
    }

    private static bool HasValue(byte[] json, byte[] expected)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expected);
            }
        }

        return false;
    }

    private string? Fail(string kind)
    {
        ErrorKinds.AddOrUpdate(kind, 1, (_, count) => count + 1);
        return null;
    }

    /// <summary>A form body from parameters whose values need no percent-encoding.</summary>
    public static byte[] FormBody(params (string Name, string Value)[] parameters) =>
        Encoding.ASCII.GetBytes(string.Join('&', parameters.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value))));
}
