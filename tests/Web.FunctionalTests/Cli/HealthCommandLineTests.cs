using OneTimeSecret.Web.Cli;

namespace OneTimeSecret.Web.FunctionalTests.Cli;

/// <summary>
/// The container's HEALTHCHECK asks the server where ASP.NET Core made it listen: <c>ASPNETCORE_URLS</c> wins over
/// <c>ASPNETCORE_HTTP_PORTS</c>, as it does in the server itself.
/// </summary>
public sealed class HealthCommandLineTests
{
    [TestCase(null, null, "http://127.0.0.1:8080/")]
    [TestCase(null, "8081", "http://127.0.0.1:8081/")]
    [TestCase(null, "8082;8083", "http://127.0.0.1:8082/")]
    [TestCase("http://+:5000", "8080", "http://127.0.0.1:5000/")]
    [TestCase("http://*:5001", null, "http://127.0.0.1:5001/")]
    [TestCase("http://0.0.0.0:5002", null, "http://127.0.0.1:5002/")]
    [TestCase("http://[::]:5003", null, "http://127.0.0.1:5003/")]
    [TestCase("http://localhost:5004/", null, "http://127.0.0.1:5004/")]
    [TestCase("http://10.1.2.3:5005", null, "http://10.1.2.3:5005/")]
    [TestCase("https://+:5443;http://+:5006", "8080", "http://127.0.0.1:5006/")]
    [TestCase("http://+", null, "http://127.0.0.1/")]
    public void ShouldAskWhereTheServerListens(string? urls, string? httpPorts, string expected)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = urls,
            ["ASPNETCORE_HTTP_PORTS"] = httpPorts,
        };

        var url = HealthCommandLine.LocalBaseUrl(name => environment.GetValueOrDefault(name));

        Assert.That(url.ToString(), Is.EqualTo(expected));
    }
}
