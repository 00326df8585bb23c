namespace OneTimeSecret.Web.FunctionalTests.Operations;

/// <summary>A bad setting stops the host at start, with a message that names the setting.</summary>
public sealed class ConfigurationValidationTests
{
    private static IEnumerable<string> Messages(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current.Message;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Messages))
                {
                    yield return inner;
                }
            }
        }
    }

    [TestCase("Encryption:MasterKey", "short")]
    [TestCase("Encryption:PreviousMasterKeys:0", "bm90IDMyIGJ5dGVz")]
    [TestCase("Encryption:BcryptWorkFactor", "4")]
    [TestCase("Database:Provider", "Nope")]
    [TestCase("App:BaseUrl", "notaurl")]
    [TestCase("App:MaxRequestBodyBytes", "10")]
    [TestCase("Plans:Anonymous:MaxTtlSeconds", "1")]
    [TestCase("RateLimits:Reveal:PermitLimit", "0")]
    [TestCase("Database:ConnectTimeoutSeconds", "0")]
    [TestCase("Smtp:DeliveryIntervalSeconds", "0")]
    [TestCase("Secrets:DefaultTtlSeconds", "0")]
    [TestCase("Metrics:Path", "metrics")]
    public void ShouldFailToStartNamingTheSetting_WhenASettingIsBad(string setting, string value)
    {
        var exception = Assert.CatchAsync(() => OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { [setting] = value }));

        var lastSegment = setting.Split(':')[^1];
        Assert.That(string.Join(" | ", Messages(exception!)), Does.Contain(setting).Or.Contain($"'{lastSegment}'"), exception!.ToString());
        Assert.That(Web.Common.ConfigurationErrors.IsConfigurationError(exception!), Is.True, "the entry point reports it as one clear line");
    }

    [Test]
    public void ShouldFailToStart_WhenPostgresHasNoConnectionString()
    {
        var exception = Assert.CatchAsync(() => OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "",
        }));

        Assert.That(string.Join(" | ", Messages(exception!)), Does.Contain("ConnectionStrings:Postgres"));
    }
}
