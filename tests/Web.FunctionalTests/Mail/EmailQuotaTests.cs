using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Mail;

/// <summary>Issue 15 item 5: per-account and per-recipient email quotas, refused with a clear 429 and nothing stored.</summary>
public sealed class EmailQuotaTests
{
    private OneTimeSecretApp _app = null!;

    [SetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["App:BaseUrl"] = "https://secrets.example.com",
        ["EmailQuotas:PerAccountPerHour"] = "2",
        ["EmailQuotas:PerAccountPerDay"] = "3",
        ["EmailQuotas:PerRecipientPerDay"] = "2",
    });

    [TearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> AccountAsync()
    {
        var issued = await _app.AddAccountAsync($"q{Guid.NewGuid():N}"[..12] + "@example.org");
        return _app.CreateClient(issued.CustId, issued.ApiToken);
    }

    private static Task<HttpResponseMessage> ShareWithAsync(HttpClient client, string recipient) =>
        client.PostFormAsync("/api/v1/share", ("secret", "Value-quota"), ("recipient", recipient));

    [Test]
    public async Task ShouldRefuseTheEmailsOverTheAccountsHourlyAndDailyQuota()
    {
        using var client = await AccountAsync();
        (await ShareWithAsync(client, "a@example.org")).ExpectStatus(HttpStatusCode.OK);
        (await ShareWithAsync(client, "b@example.org")).ExpectStatus(HttpStatusCode.OK);

        var hourly = await ShareWithAsync(client, "c@example.org");
        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        (await ShareWithAsync(client, "c@example.org")).ExpectStatus(HttpStatusCode.OK);
        var daily = await ShareWithAsync(client, "d@example.org");

        var hourlyError = await hourly.ExpectJsonAsync(HttpStatusCode.TooManyRequests);
        Assert.That(hourlyError["message"]!.GetValue<string>(), Is.EqualTo("Email limit reached: this account may send at most 2 emails per hour. Please try again later."));
        Assert.That(hourly.Headers.RetryAfter, Is.Not.Null);
        var dailyError = await daily.ExpectJsonAsync(HttpStatusCode.TooManyRequests);
        Assert.That(dailyError["message"]!.GetValue<string>(), Does.Contain("at most 3 emails per day"));
        var recent = await (await client.GetAsync("/api/v1/private/recent")).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(recent.AsArray(), Has.Count.EqualTo(3), "the refused shares stored nothing");
    }

    [Test]
    public async Task ShouldRefuseTheEmailsOverARecipientsQuota_WhateverAccountSendsThem()
    {
        using var first = await AccountAsync();
        using var second = await AccountAsync();
        using var third = await AccountAsync();
        (await ShareWithAsync(first, "Victim@Example.org")).ExpectStatus(HttpStatusCode.OK);
        (await ShareWithAsync(second, "victim@example.org")).ExpectStatus(HttpStatusCode.OK);

        var refused = await ShareWithAsync(third, "victim@example.org");
        var other = await ShareWithAsync(third, "someone.else@example.org");

        var error = await refused.ExpectJsonAsync(HttpStatusCode.TooManyRequests);
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("a recipient may receive at most 2 emails per day"));
        other.ExpectStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task ShouldStillCountTheEmails_WhenTheirSecretsWerePurged()
    {
        using var client = await AccountAsync();
        (await client.PostFormAsync("/api/v1/share", ("secret", "short"), ("ttl", "60"), ("recipient", "a@example.org"))).ExpectStatus(HttpStatusCode.OK);
        (await client.PostFormAsync("/api/v1/share", ("secret", "short"), ("ttl", "60"), ("recipient", "b@example.org"))).ExpectStatus(HttpStatusCode.OK);

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.PurgeAsync();

        (await ShareWithAsync(client, "c@example.org")).ExpectStatus(HttpStatusCode.TooManyRequests);
    }
}
