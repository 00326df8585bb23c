using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using OneTimeSecret.Web.Api;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>The API's body reader on its own: pooled buffers that grow, a hard limit, and wiping before reuse.</summary>
public sealed class RequestBodyTests
{
    private const int Limit = 64 * 1024;

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(4095)]
    [TestCase(4096)]
    [TestCase(4097)]
    [TestCase(50_000)]
    [TestCase(Limit)]
    public async Task ShouldReadEveryByte_WhenTheBodyHasNoDeclaredLength(int size)
    {
        var body = Pattern(size);

        using var read = await RequestBody.ReadAsync(Request(body, declareLength: false), Limit, CancellationToken.None);

        Assert.That(read.Memory.ToArray(), Is.EqualTo(body));
    }

    [TestCase(100)]
    [TestCase(30_000)]
    public async Task ShouldReadEveryByte_WhenTheBodyDeclaresItsLength(int size)
    {
        var body = Pattern(size);

        using var read = await RequestBody.ReadAsync(Request(body, declareLength: true), Limit, CancellationToken.None);

        Assert.That(read.Memory.ToArray(), Is.EqualTo(body));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ShouldRefuseWith413_WhenTheBodyIsOverTheLimit(bool declareLength)
    {
        var request = Request(Pattern(Limit + 1), declareLength);

        var refused = Assert.ThrowsAsync<ApiRequestException>(() => RequestBody.ReadAsync(request, Limit, CancellationToken.None));

        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCodes.Status413PayloadTooLarge));
    }

    [Test]
    public async Task ShouldWipeTheBuffer_WhenItGoesBackToThePool()
    {
        var body = Pattern(10_000);
        var read = await RequestBody.ReadAsync(Request(body, declareLength: false), Limit, CancellationToken.None);
        Assert.That(MemoryMarshal.TryGetArray(read.Memory, out var segment), Is.True);

        read.Dispose();

        Assert.That(segment.Array!.AsSpan(0, body.Length).ContainsAnyExcept((byte)0), Is.False, "the secret is still in the pooled buffer");
    }

    private static byte[] Pattern(int size) => Enumerable.Range(0, size).Select(i => (byte)('a' + (i % 26))).ToArray();

    private static HttpRequest Request(byte[] body, bool declareLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new TrickleStream(body, pieceSize: 1000);
        context.Request.ContentLength = declareLength ? body.Length : null;
        return context.Request;
    }

    /// <summary>A body that arrives a little at a time, like one read from a slow network.</summary>
    private sealed class TrickleStream(byte[] data, int pieceSize) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(buffer.Length, pieceSize), data.Length - _position);
            data.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
