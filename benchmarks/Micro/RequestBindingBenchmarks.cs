using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using OneTimeSecret.Web.Api;

namespace OneTimeSecret.Micro;

/// <summary>
/// Reading the API's parameters from a request with a 1 KiB secret, in each body format the API accepts. Not sealed:
/// BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
public class RequestBindingBenchmarks
{
    private const int MaxBodyBytes = 256 * 1024;

    private DefaultHttpContext _form = null!;
    private DefaultHttpContext _json = null!;
    private DefaultHttpContext _multipart = null!;

    [GlobalSetup]
    public void Setup()
    {
        var secret = new string('s', 1024);
        _form = Request("application/x-www-form-urlencoded", $"secret={secret}&ttl=3600&passphrase=correct+horse");
        _json = Request("application/json", $$"""{"secret":"{{secret}}","ttl":3600,"passphrase":"correct horse"}""");
        const string boundary = "----bench";
        _multipart = Request(
            $"multipart/form-data; boundary={boundary}",
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"secret\"\r\n\r\n{secret}\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"ttl\"\r\n\r\n3600\r\n--{boundary}--\r\n");
    }

    [Benchmark(Baseline = true, Description = "form body")]
    public Task<ApiParameters> Form() => Read(_form);

    [Benchmark(Description = "JSON body")]
    public Task<ApiParameters> Json() => Read(_json);

    [Benchmark(Description = "multipart body")]
    public Task<ApiParameters> Multipart() => Read(_multipart);

    private static Task<ApiParameters> Read(DefaultHttpContext context)
    {
        context.Request.Body.Position = 0;
        return ApiParameters.ReadAsync(context.Request, MaxBodyBytes, CancellationToken.None);
    }

    private static DefaultHttpContext Request(string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes, writable: false);
        return context;
    }
}
