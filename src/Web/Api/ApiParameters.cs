using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Api;

/// <summary>
/// The parameters of an API call, read like the reference service reads them: from the query string and from a
/// urlencoded, multipart or JSON body, the body winning over the query string. Text must be valid UTF-8 and a
/// parameter may appear only once in each place.
/// </summary>
[ModelBinder(typeof(ApiParametersBinder))]
public sealed class ApiParameters
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, IReadOnlyList<string>> _values;

    private ApiParameters(Dictionary<string, IReadOnlyList<string>> values) => _values = values;

    public static ApiParameters Empty { get; } = new([]);

    public string? Get(string name) =>
        _values.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public IReadOnlyList<string> GetList(string name) =>
        _values.TryGetValue(name, out var values) ? values.Where(v => v.Length > 0).ToList() : [];

    /// <summary>
    /// A time to live in seconds: an integer, or a finite number (rounded down and clamped later); anything else is
    /// no ttl at all, as on the reference service.
    /// </summary>
    public long? GetSeconds(string name)
    {
        var text = Get(name)?.Trim();
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

    private static async Task<Dictionary<string, IReadOnlyList<string>>> ParseBodyAsync(string? contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            throw UnsupportedContentType();
        }

        if (mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return ParseUrlEncoded(body.Span);
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

    private static Dictionary<string, IReadOnlyList<string>> ParseUrlEncoded(ReadOnlySpan<byte> data)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (!data.IsEmpty)
        {
            var end = data.IndexOf((byte)'&');
            var pair = end < 0 ? data : data[..end];
            data = end < 0 ? [] : data[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            Add(result, name, value);
        }

        return result;
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        // Decoded bytes may be a secret: they live in a scratch buffer that is wiped, never in garbage left to the GC.
        byte[]? rented = null;
        var bytes = encoded.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(encoded.Length));
        var length = 0;
        try
        {
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == (byte)'+')
                {
                    bytes[length++] = (byte)' ';
                }
                else if (b == (byte)'%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
                {
                    bytes[length++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 2;
                }
                else
                {
                    bytes[length++] = b;
                }
            }

            return DecodeUtf8(bytes[..length]);
        }
        finally
        {
            bytes[..length].Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ApiRequestException("Parameters must be valid UTF-8");
        }
    }

    private static async Task<Dictionary<string, IReadOnlyList<string>>> ParseMultipartAsync(string boundary, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!MemoryMarshal.TryGetArray(body, out var segment))
        {
            throw new InvalidOperationException("The request body is not array-backed.");
        }

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
                Add(result, name, DecodeUtf8(content.GetBuffer().AsSpan(0, (int)content.Length)));
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

    private static Dictionary<string, IReadOnlyList<string>> ParseJson(ReadOnlyMemory<byte> body)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiRequestException("The JSON body must be an object");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var values = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => [],
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(item => JsonScalar(property.Name, item)).ToList(),
                    _ => new List<string> { JsonScalar(property.Name, property.Value) },
                };
                if (!result.TryAdd(property.Name, values))
                {
                    throw Duplicate(property.Name);
                }
            }
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
        _ => throw new ApiRequestException($"Parameter '{name}' must be a string, a number or a boolean"),
    };

    private static void Add(Dictionary<string, IReadOnlyList<string>> result, string name, string value)
    {
        if (!result.TryAdd(name, [value]))
        {
            throw Duplicate(name);
        }
    }

    private static ApiRequestException Duplicate(string name) =>
        new($"Parameter '{Truncate(name)}' was given more than once");

    private static string Truncate(string name) => name.Length <= 40 ? name : name[..40] + "…";
}

/// <summary>Binds <see cref="ApiParameters"/> from the request, within the configured body size.</summary>
public sealed class ApiParametersBinder(IOptions<AppOptions> options) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var http = bindingContext.HttpContext;
        var parameters = await ApiParameters.ReadAsync(http.Request, options.Value.MaxRequestBodyBytes, http.RequestAborted);
        bindingContext.Result = ModelBindingResult.Success(parameters);
    }
}
