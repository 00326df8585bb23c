using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace OneTimeSecret.Web.Api;

/// <summary>
/// A request body read whole into a buffer rented from the shared pool, within a size limit. The buffer is wiped
/// before it goes back to the pool, since it may hold a secret; no per-request buffer is left to the GC.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private const int InitialSize = 4 * 1024;

    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            throw TooLarge(maxBodyBytes);
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBodyBytes;
        }

        // One byte more than the limit, so that a body over the limit is noticed without reading all of it.
        var expected = request.ContentLength is { } declared ? (int)declared + 1 : InitialSize;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(expected, maxBodyBytes + 1));
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBodyBytes)
                {
                    throw TooLarge(maxBodyBytes);
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Return(buffer, length);
                    buffer = larger;
                }
            }

            return new RequestBody(buffer, length);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Return(buffer, length);
            throw TooLarge(maxBodyBytes);
        }
        catch
        {
            Return(buffer, length);
            throw;
        }
    }

    public void Dispose()
    {
        Return(_buffer, Length);
        _buffer = [];
    }

    private static void Return(byte[] buffer, int used)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        buffer.AsSpan(0, used).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private static ApiRequestException TooLarge(int maxBodyBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds the maximum size of {maxBodyBytes} bytes");
}
