using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace OneTimeSecret.Web.Api;

/// <summary>
/// The parameters of an API call, read like the reference service (Rack) reads them: from the query string and from
/// a urlencoded, multipart or JSON body (a body without a content type is a urlencoded form), a name present in the
/// body replacing the same name in the query string. Text must be valid UTF-8. <c>name[]</c> is the same parameter
/// as <c>name</c>, and a parameter may be repeated; whether a repetition makes a list or is an error is for the
/// request record that reads it (<see cref="Scalar"/> or <see cref="List"/>).
/// </summary>
public sealed class ApiParameters
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, List<string>> _values;

    private ApiParameters(Dictionary<string, List<string>> values) => _values = values;

    public static ApiParameters Empty { get; } = new([]);

    /// <summary>A parameter that has one value; given more than once, it is the client's mistake (400).</summary>
    public string? Scalar(string name)
    {
        if (!_values.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        return values.Count == 1 ? values[0] : throw Duplicate(name);
    }

    /// <summary>A parameter that may be repeated (or sent as a JSON array): its non-empty values, in order.</summary>
    public IReadOnlyList<string> List(string name) =>
        _values.TryGetValue(name, out var values) ? values.Where(v => v.Length > 0).ToList() : [];

    /// <summary>A whole number; anything else is the client's mistake (400).</summary>
    public int? WholeNumber(string name)
    {
        var text = Scalar(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : throw new ApiRequestException($"Parameter '{Truncate(name)}' must be a whole number");
    }

    /// <summary>true or false (also 1/0, yes/no, on/off, as Rack apps read them); anything else is a 400.</summary>
    public bool? TrueOrFalse(string name)
    {
        var text = Scalar(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => throw new ApiRequestException($"Parameter '{Truncate(name)}' must be true or false"),
        };
    }

    /// <summary>
    /// A time to live in seconds: an integer, or a finite number (rounded down and clamped later); anything else is
    /// no ttl at all, as on the reference service.
    /// </summary>
    public long? Seconds(string name)
    {
        var text = Scalar(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number >= long.MaxValue ? long.MaxValue : number <= long.MinValue ? long.MinValue : (long)Math.Floor(number);
        }

        return null;
    }

    public static async Task<ApiParameters> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var merged = ParseUrlEncoded(Encoding.UTF8.GetBytes(request.QueryString.Value?.TrimStart('?') ?? string.Empty));

        using var body = await RequestBody.ReadAsync(request, maxBodyBytes, cancellationToken);
        if (body.Length > 0)
        {
            var fromBody = await ParseBodyAsync(request.ContentType, body.Memory, cancellationToken);
            foreach (var (name, values) in fromBody)
            {
                merged[name] = values;
            }
        }

        return new ApiParameters(merged);
    }

    private static async Task<Dictionary<string, List<string>>> ParseBodyAsync(string? contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        // Rack reads a POST body that names no content type as a form; .NET's WebClient and some Go clients send so.
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return ParseUrlEncoded(body);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            throw UnsupportedContentType();
        }

        if (mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return ParseUrlEncoded(body);
        }

        if (mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                throw new ApiRequestException("Multipart body has no boundary");
            }

            return await ParseMultipartAsync(boundary, body, cancellationToken);
        }

        if (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return ParseJson(body);
        }

        throw UnsupportedContentType();
    }

    private static ApiRequestException UnsupportedContentType() =>
        new(
            StatusCodes.Status415UnsupportedMediaType,
            "Unsupported content type: send application/x-www-form-urlencoded, multipart/form-data or application/json");

    private static Dictionary<string, List<string>> ParseUrlEncoded(ReadOnlyMemory<byte> data)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var segment = ArraySegmentOf(data);
        var offset = segment.Offset;
        var end = segment.Offset + segment.Count;
        while (offset < end)
        {
            var ampersand = Array.IndexOf(segment.Array!, (byte)'&', offset, end - offset);
            var pairEnd = ampersand < 0 ? end : ampersand;
            if (pairEnd > offset)
            {
                var equals = Array.IndexOf(segment.Array!, (byte)'=', offset, pairEnd - offset);
                var nameEnd = equals < 0 ? pairEnd : equals;
                var name = Decode(segment.Array!, offset, nameEnd - offset);
                var value = equals < 0 ? string.Empty : Decode(segment.Array!, equals + 1, pairEnd - equals - 1);
                AddRepeatable(result, name, value);
            }

            offset = pairEnd + 1;
        }

        return result;
    }

    /// <summary>
    /// Percent-decoding (with <c>+</c> as a space) by the framework, then strict UTF-8. The decoded bytes are wiped
    /// once the string is made; the string itself is ordinary managed memory, like every other copy of a request.
    /// </summary>
    private static string Decode(byte[] encoded, int offset, int count)
    {
        var bytes = WebUtility.UrlDecodeToBytes(encoded, offset, count);
        try
        {
            return DecodeUtf8(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static ArraySegment<byte> ArraySegmentOf(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment)
            ? segment
            : throw new InvalidOperationException("The request data is not array-backed.");

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }

    private static ApiRequestException NotUtf8() => new("Parameters must be valid UTF-8");

    private static async Task<Dictionary<string, List<string>>> ParseMultipartAsync(string boundary, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var segment = ArraySegmentOf(body);
        using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        var reader = new MultipartReader(boundary, stream);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
                {
                    throw new ApiRequestException("Multipart section without a form-data name");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken);
                var value = DecodeUtf8(content.GetBuffer().AsSpan(0, (int)content.Length));
                CryptographicOperations.ZeroMemory(content.GetBuffer());
                AddRepeatable(result, name, value);
            }
        }
        catch (IOException)
        {
            throw new ApiRequestException("Malformed multipart body");
        }
        catch (InvalidDataException)
        {
            throw new ApiRequestException("Malformed multipart body");
        }

        return result;
    }

    private static Dictionary<string, List<string>> ParseJson(ReadOnlyMemory<byte> body)
    {
        // The JSON reader does not check the UTF-8 of string contents; strict UTF-8 is checked here, like for forms.
        if (!Utf8.IsValid(body.Span))
        {
            throw NotUtf8();
        }

        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiRequestException("The JSON body must be an object");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                // An object is a hash, read as Rack reads one from a form: {"character_sets": {"symbols": true}} is
                // character_sets[symbols]=true. One level deep.
                var members = property.Value.ValueKind == JsonValueKind.Object
                    ? property.Value.EnumerateObject().Select(member => ($"{property.Name}[{member.Name}]", member.Value))
                    : [(property.Name, property.Value)];
                foreach (var (name, value) in members)
                {
                    var values = value.ValueKind switch
                    {
                        JsonValueKind.Null => [],
                        JsonValueKind.Array => value.EnumerateArray().Select(item => JsonScalar(name, item)).ToList(),
                        _ => [JsonScalar(name, value)],
                    };

                    // JSON has its own arrays: a repeated name is a mistake, whatever it means.
                    if (!result.TryAdd(name, values))
                    {
                        throw Duplicate(name);
                    }
                }
            }
        }
        catch (InvalidOperationException)
        {
            // An escape that decodes to a lone surrogate (\ud800) is valid JSON syntax but no Unicode text.
            throw NotUtf8();
        }
        catch (JsonException)
        {
            throw new ApiRequestException("The request body is not valid JSON");
        }
        catch (ArgumentException)
        {
            throw new ApiRequestException("The request body is not valid JSON");
        }

        return result;
    }

    private static string JsonScalar(string name, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? string.Empty,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new ApiRequestException($"Parameter '{Truncate(name)}' must be a string, a number or a boolean"),
    };

    /// <summary>A form value: <c>name[]</c> (Rack's array syntax) and a repeated <c>name</c> both add to one list.</summary>
    private static void AddRepeatable(Dictionary<string, List<string>> result, string name, string value)
    {
        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            name = name[..^2];
        }

        if (result.TryGetValue(name, out var values))
        {
            values.Add(value);
        }
        else
        {
            result[name] = [value];
        }
    }

    private static ApiRequestException Duplicate(string name) =>
        new($"Parameter '{Truncate(name)}' was given more than once");

    private static string Truncate(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
