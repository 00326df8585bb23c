using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;
using OneTimeSecret.Web.FunctionalTests.Compatibility;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>
/// <c>recipient</c> on share and generate, through HTTP: the request answers at once, the email leaves from the
/// outbox (here sent by the test itself, as the job would) and the metadata tells whether it went out.
/// </summary>
public sealed class RecipientEmailApiTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["App:BaseUrl"] = "https://secrets.example.com/",
            ["App:SiteName"] = "Example Secrets",
            ["Secrets:ShareDomains:0"] = "share.example.net",
            ["Secrets:AllowAnonymousRecipients"] = "true",
        });
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [SetUp]
    public void EmptyMailFolder()
    {
        if (Directory.Exists(_app.MailFolder))
        {
            Directory.Delete(_app.MailFolder, recursive: true);
        }
    }

    private async Task<DeliveryReport> DeliverAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeliverNotificationsCommand());
    }

    private MimeMessage SingleEmail()
    {
        var files = Directory.Exists(_app.MailFolder) ? Directory.GetFiles(_app.MailFolder, "*.eml") : [];
        Assert.That(files, Has.Length.EqualTo(1), "exactly one email was written");
        return MimeMessage.Load(files[0]);
    }

    [Test]
    public async Task ShouldEmailTheShareLinkAndReportIt_WhenASecretIsSharedWithARecipient()
    {
        var shared = await _client.ShareAsync("Value-71ac0e", ("passphrase", "Passphrase-d93b14"), ("ttl", "3600"), ("recipient", "fred@example.org"));

        Assert.That(shared["email_status"]!.GetValue<string>(), Is.EqualTo("pending"));
        await ApiSchemas.AssertValidAsync("share", shared.ToJsonString());
        Assert.That(Directory.Exists(_app.MailFolder) ? Directory.GetFiles(_app.MailFolder) : [], Is.Empty, "nothing is sent during the request");

        var report = await DeliverAsync();

        Assert.That(report.Sent, Is.EqualTo(1));
        var email = SingleEmail();
        var shareUrl = shared["share_url"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(shareUrl, Does.StartWith("https://secrets.example.com/secret/"));
            Assert.That(email.To.Mailboxes.Single().Address, Is.EqualTo("fred@example.org"));
            Assert.That(email.TextBody, Does.Contain(shareUrl));
            Assert.That(email.TextBody, Does.Contain("Example Secrets"));
            Assert.That(email.ToString(), Does.Not.Contain("Value-71ac0e"));
            Assert.That(email.ToString(), Does.Not.Contain("Passphrase-d93b14"));
            Assert.That(email.ToString(), Does.Not.Contain(shared["metadata_key"]!.GetValue<string>()));
        });

        var metadata = await (await _client.PostAsync($"/api/v1/private/{shared["metadata_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(metadata["email_status"]!.GetValue<string>(), Is.EqualTo("written"), "no mail server: written into the pickup directory, not sent");
        await ApiSchemas.AssertValidAsync("metadata", metadata.ToJsonString());
        Assert.That(metadata["recipient"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "fr*****@e*****.org" }));
    }

    [Test]
    public async Task ShouldNeverEmailTheGeneratedValue_WhenGenerateHasARecipient()
    {
        var response = await _client.PostFormAsync("/api/v1/generate", ("recipient", "wilma@example.org"));
        var generated = await response.ExpectJsonAsync(HttpStatusCode.OK);

        await DeliverAsync();

        var email = SingleEmail();
        Assert.That(email.TextBody, Does.Contain(generated["share_url"]!.GetValue<string>()));
        Assert.That(email.ToString(), Does.Not.Contain(generated["value"]!.GetValue<string>()));
    }

    [Test]
    public async Task ShouldEmailALinkOnTheShareDomain_WhenOneIsChosen()
    {
        var shared = await _client.ShareAsync("on the share domain", ("share_domain", "share.example.net"), ("recipient", "fred@example.org"));

        await DeliverAsync();

        Assert.That(SingleEmail().TextBody, Does.Contain($"https://share.example.net/secret/{shared["secret_key"]}"));
    }

    [Test]
    public async Task ShouldOmitTheEmailStatus_WhenThereIsNoRecipient()
    {
        var shared = await _client.ShareAsync("nobody to tell");

        Assert.That(shared.AsObject().ContainsKey("email_status"), Is.False);
        Assert.That((await DeliverAsync()).Handled, Is.Zero);
    }
}
