using Microsoft.Extensions.Options;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>Bad settings stop the start with a message that names the setting.</summary>
public sealed class StartupValidationTests
{
    [TestCase("Plans:Anonymous:MaxSecretLength", "0", "Plans:Anonymous")]
    [TestCase("Plans:Basic:MaxTtlSeconds", "5", "Plans:Basic")]
    [TestCase("RateLimits:Reveal:PermitLimit", "0", "RateLimits:Reveal")]
    [TestCase("ReverseProxy:KnownProxies:0", "not-an-address", "ReverseProxy:KnownProxies")]
    [TestCase("Encryption:MasterKey", "c2hvcnQ=", "Encryption:MasterKey")]
    [TestCase("App:BaseUrl", "ftp://example.org", "App:BaseUrl")]
    public void ShouldRefuseToStart_WhenASettingIsInvalid(string key, string value, string named)
    {
        var error = Assert.CatchAsync(async () =>
        {
            await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { [key] = value });
        });

        Assert.That(error, Is.InstanceOf<OptionsValidationException>().Or.InstanceOf<InvalidOperationException>());
        Assert.That(error!.Message, Does.Contain(named));
    }
}
