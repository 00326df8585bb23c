using Microsoft.Extensions.Options;

namespace OneTimeSecret.Web.FunctionalTests;

/// <summary>Mail and purge settings that cannot work stop the app at start-up, naming the setting.</summary>
public sealed class MailConfigurationTests
{
    [TestCase("Smtp:Host", "smtp.example.com", "Smtp:From")]
    [TestCase("Smtp:From", "not an address", "Smtp:From")]
    [TestCase("Smtp:MaxAttempts", "0", "MaxAttempts")]
    [TestCase("Purge:IntervalSeconds", "0", "IntervalSeconds")]
    [TestCase("Purge:BatchSize", "0", "BatchSize")]
    public void ShouldRefuseToStart_WhenAMailOrPurgeSettingIsWrong(string key, string value, string named)
    {
        var failure = Assert.CatchAsync(async () =>
        {
            await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { [key] = value });
        });

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.Message, Does.Contain(named));
    }

    [Test]
    public void ShouldRefuseToStart_WhenAMailServerIsSetWithoutTheBaseUrl()
    {
        var failure = Assert.CatchAsync(async () =>
        {
            await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Smtp:Host"] = "smtp.example.com",
                ["Smtp:From"] = "Secrets <noreply@example.com>",
            });
        });

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.Message, Does.Contain("App:BaseUrl is required when Smtp:Host is set"));
        Assert.That(OneTimeSecret.Web.Common.ConfigurationErrors.IsConfigurationError(failure), Is.True, "the process stops with exit code 78");
    }

    [Test]
    public async Task ShouldStart_WhenAMailServerIsSetWithTheBaseUrl()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example.com",
            ["Smtp:From"] = "Secrets <noreply@example.com>",
            ["App:BaseUrl"] = "https://secrets.example.com",
        });
        using var client = app.CreateClient();

        Assert.That((await client.GetAsync("/api/v1/status")).IsSuccessStatusCode, Is.True);
    }

    [Test]
    public void ShouldRefuseToStart_WhenTheSmtpSecurityIsUnknown()
    {
        var failure = Assert.CatchAsync(async () =>
        {
            await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["Smtp:Security"] = "Tls" });
        });

        Assert.That(failure!.ToString(), Does.Contain("Smtp:Security"));
    }

    [Test]
    public async Task ShouldStart_WhenTheBackgroundJobsAreEnabled()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Purge:Enabled"] = "true",
            ["Smtp:DeliveryEnabled"] = "true",
        });
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/status");

        Assert.That(response.IsSuccessStatusCode, Is.True);
    }
}
