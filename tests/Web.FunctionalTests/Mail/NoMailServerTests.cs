using System.Net;
using OneTimeSecret.Web.FunctionalTests.Compatibility;
using OneTimeSecret.Web.FunctionalTests.Pages;

namespace OneTimeSecret.Web.FunctionalTests.Mail;

/// <summary>
/// Issue 15 item 6: without a mail server, Production refuses recipients unless the pickup directory is asked for;
/// an email written there is reported as <c>written</c>, not <c>sent</c>, and its file goes when the secret does.
/// </summary>
public sealed class NoMailServerTests
{
    private static async Task<OneTimeSecretApp> StartAsync(string environment, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["App:BaseUrl"] = "https://secrets.example.com" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return await OneTimeSecretApp.StartAsync(settings: settings, environment: environment);
    }

    private static string[] MailFiles(OneTimeSecretApp app) =>
        Directory.Exists(app.MailFolder) ? Directory.GetFiles(app.MailFolder, "*.eml") : [];

    [Test]
    public async Task ShouldRefuseARecipientWithAClearMessage_WhenProductionHasNoMailServer()
    {
        await using var app = await StartAsync("Production");
        var issued = await app.AddAccountAsync("prod@example.org");
        using var client = app.CreateClient(issued.CustId, issued.ApiToken);

        var refused = await client.PostFormAsync("/api/v1/share", ("secret", "Value-4f1c"), ("recipient", "fred@example.org"));
        var withoutRecipient = await client.PostFormAsync("/api/v1/share", ("secret", "Value-4f1d"));

        var error = await refused.ExpectJsonAsync(HttpStatusCode.Forbidden);
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("This server cannot email recipients: it has no mail server configured. Share the link yourself instead."));
        withoutRecipient.ExpectStatus(HttpStatusCode.OK);
        var recent = await (await client.GetAsync("/api/v1/private/recent")).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(recent.AsArray(), Has.Count.EqualTo(1), "the refused share stored nothing");
        await app.DeliverAsync();
        Assert.That(MailFiles(app), Is.Empty);
    }

    [Test]
    public async Task ShouldWriteTheEmailAndSayWritten_WhenProductionAsksForThePickupDirectory()
    {
        await using var app = await StartAsync("Production", ("Smtp:UsePickupDirectory", "true"));
        var issued = await app.AddAccountAsync("pickup@example.org");
        using var client = app.CreateClient(issued.CustId, issued.ApiToken);

        var shared = await client.ShareAsync("Value-61e0", ("recipient", "fred@example.org"));
        await app.DeliverAsync();

        Assert.That(MailFiles(app), Has.Length.EqualTo(1));
        var metadata = await (await client.PostAsync($"/api/v1/private/{shared["metadata_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(metadata["email_status"]!.GetValue<string>(), Is.EqualTo("written"));
        await ApiSchemas.AssertValidAsync("metadata", metadata.ToJsonString());
    }

    [TestCase("reveal")]
    [TestCase("burn")]
    [TestCase("expire")]
    public async Task ShouldDeleteTheWrittenFile_WhenTheSecretIsGone(string how)
    {
        await using var app = await StartAsync("Testing");
        var issued = await app.AddAccountAsync("files@example.org");
        using var client = app.CreateClient(issued.CustId, issued.ApiToken);
        var shared = await client.ShareAsync("Value-0c7a", ("ttl", "3600"), ("recipient", "fred@example.org"));
        var unrelated = await client.ShareAsync("Value-0c7b", ("ttl", "3600"), ("recipient", "wilma@example.org"));
        await app.DeliverAsync();
        Assert.That(MailFiles(app), Has.Length.EqualTo(2));
        var metadata = await (await client.PostAsync($"/api/v1/private/{shared["metadata_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(metadata["email_status"]!.GetValue<string>(), Is.EqualTo("written"), "not sent: nobody received it");

        switch (how)
        {
            case "reveal":
                (await client.PostAsync($"/api/v1/secret/{shared["secret_key"]}", null)).ExpectStatus(HttpStatusCode.OK);
                break;
            case "burn":
                (await client.PostAsync($"/api/v1/private/{shared["metadata_key"]}/burn", null)).ExpectStatus(HttpStatusCode.OK);
                break;
            default:
                app.Clock.Advance(TimeSpan.FromMinutes(61));
                break;
        }

        await app.PurgeAsync();

        var left = MailFiles(app);
        if (how == "expire")
        {
            Assert.That(left, Is.Empty, "both secrets expired");
        }
        else
        {
            Assert.That(left, Has.Length.EqualTo(1), "the other secret's email stays");
            Assert.That(File.ReadAllText(left[0]), Does.Contain(unrelated["secret_key"]!.GetValue<string>()));
        }
    }
}
