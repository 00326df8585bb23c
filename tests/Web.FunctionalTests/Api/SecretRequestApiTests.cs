using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Secrets.Commands.PurgeExpired;
using OneTimeSecret.Web.FunctionalTests.Compatibility;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>Requests for a secret over HTTP: an account asks, anyone with the link answers once, only the requester reads it.</summary>
public sealed class SecretRequestApiTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        _anonymous = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _anonymous.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpClient> AccountClientAsync(string custId, string plan = "basic")
    {
        var issued = await _app.AddAccountAsync(custId, plan);
        return _app.CreateClient(issued.CustId, issued.ApiToken);
    }

    private static async Task<JsonNode> CreateRequestAsync(HttpClient client, params (string Name, string Value)[] fields)
    {
        var json = await (await client.PostFormAsync("/api/v1/requests", fields)).ExpectJsonAsync(HttpStatusCode.OK);
        LogCapture.AddSensitive(json["request_key"]?.GetValue<string>());
        return json;
    }

    private Task<HttpResponseMessage> AnswerAsync(string requestKey, params (string Name, string Value)[] fields) =>
        _anonymous.PostFormAsync($"/api/v1/requests/{requestKey}/answer", fields);

    [Test]
    public async Task ShouldLetOnlyTheRequesterRevealTheAnswer_Once()
    {
        using var requester = await AccountClientAsync("asker@example.org");
        using var other = await AccountClientAsync("other@example.org");
        var now = _app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var created = await CreateRequestAsync(requester, ("note", "The staging <b>database</b> password, please"), ("ttl", "3600"), ("secret_ttl", "86400"));
        var key = created["request_key"]!.GetValue<string>();

        var answered = await (await AnswerAsync(key, ("secret", "hunter2"))).ExpectJsonAsync(HttpStatusCode.OK);
        var again = await (await AnswerAsync(key, ("secret", "second try"))).ExpectJsonAsync(HttpStatusCode.NotFound);
        var seen = await (await requester.GetAsync($"/api/v1/requests/{key}")).ExpectJsonAsync(HttpStatusCode.OK);
        var byOther = await (await other.GetAsync($"/api/v1/requests/{key}")).ExpectJsonAsync(HttpStatusCode.NotFound);
        var byAnonymous = await (await _anonymous.GetAsync($"/api/v1/requests/{key}")).ExpectJsonAsync(HttpStatusCode.NotFound);
        var secretKey = seen["secret_key"]!.GetValue<string>();
        LogCapture.AddSensitive(secretKey);
        var revealed = await (await _anonymous.PostAsync($"/api/v1/secret/{secretKey}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var revealedAgain = await _anonymous.PostAsync($"/api/v1/secret/{secretKey}", null);
        var recent = await (await requester.GetAsync("/api/v1/private/recent")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(created["state"]!.GetValue<string>(), Is.EqualTo("open"));
            Assert.That(created["note"]!.GetValue<string>(), Is.EqualTo("The staging <b>database</b> password, please"));
            Assert.That(created["ttl"]!.GetValue<long>(), Is.EqualTo(3600));
            Assert.That(created["secret_ttl"]!.GetValue<long>(), Is.EqualTo(86400));
            Assert.That(created["created"]!.GetValue<long>(), Is.EqualTo(now));
            Assert.That(created["expires"]!.GetValue<long>(), Is.EqualTo(created["created"]!.GetValue<long>() + 3600));
            Assert.That(key, Does.Match("^[0-9a-z]{31}$"));
            Assert.That(created["request_url"]!.GetValue<string>(), Does.EndWith($"/request/{key}"));
            Assert.That(answered.ToJsonString(), Is.EqualTo("""{"state":"answered"}"""));
            Assert.That(again.ToJsonString(), Is.EqualTo("""{"message":"Unknown request"}"""));
            Assert.That(byOther.ToJsonString(), Is.EqualTo("""{"message":"Unknown request"}"""));
            Assert.That(byAnonymous.ToJsonString(), Is.EqualTo("""{"message":"Unknown request"}"""));
            Assert.That(seen["state"]!.GetValue<string>(), Is.EqualTo("answered"));
            Assert.That(seen["share_url"]!.GetValue<string>(), Does.EndWith($"/secret/{secretKey}"));
            Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo("hunter2"));
            Assert.That(revealedAgain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(recent.AsArray().Select(e => e!["metadata_key"]!.GetValue<string>()), Does.Contain(seen["metadata_key"]!.GetValue<string>()));
            Assert.That(recent.AsArray().Single()!["ttl"]!.GetValue<long>(), Is.EqualTo(86400), "the answered secret lives secret_ttl");
        });
        await ApiSchemas.AssertValidAsync("request", created.ToJsonString());
        await ApiSchemas.AssertValidAsync("request", seen.ToJsonString());
        await ApiSchemas.AssertValidAsync("request-answered", answered.ToJsonString());
    }

    [Test]
    public async Task ShouldShowTheKeysNoLonger_WhenTheAnsweredSecretWasRevealed()
    {
        using var requester = await AccountClientAsync("revealer@example.org");
        var key = (await CreateRequestAsync(requester))["request_key"]!.GetValue<string>();
        await (await AnswerAsync(key, ("secret", "read me once"))).ExpectJsonAsync(HttpStatusCode.OK);
        var before = await (await requester.GetAsync($"/api/v1/requests/{key}")).ExpectJsonAsync(HttpStatusCode.OK);
        var secretKey = before["secret_key"]!.GetValue<string>();
        LogCapture.AddSensitive(secretKey);
        await (await _anonymous.PostAsync($"/api/v1/secret/{secretKey}", null)).ExpectJsonAsync(HttpStatusCode.OK);

        var after = await (await requester.GetAsync($"/api/v1/requests/{key}")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(after["state"]!.GetValue<string>(), Is.EqualTo("answered"));
            Assert.That(after["metadata_key"]!.GetValue<string>(), Is.EqualTo(before["metadata_key"]!.GetValue<string>()));
            Assert.That(after["secret_key"], Is.Null);
            Assert.That(after["share_url"], Is.Null);
        });
    }

    [Test]
    public async Task ShouldAnswerTheSenderNothingButTheState_InEveryBodyFormat()
    {
        using var requester = await AccountClientAsync("formats@example.org");
        var json = (await CreateRequestAsync(requester))["request_key"]!.GetValue<string>();
        var multipart = (await CreateRequestAsync(requester))["request_key"]!.GetValue<string>();
        var bare = (await CreateRequestAsync(requester))["request_key"]!.GetValue<string>();
        var query = (await CreateRequestAsync(requester))["request_key"]!.GetValue<string>();
        LogCapture.AddSensitive("from json");
        LogCapture.AddSensitive("from multipart");
        LogCapture.AddSensitive("no content type");

        var byJson = await _anonymous.PostAsync($"/api/v1/requests/{json}/answer", new StringContent("""{"secret":"from json"}""", Encoding.UTF8, "application/json"));
        using var form = new MultipartFormDataContent { { new StringContent("from multipart"), "secret" } };
        var byMultipart = await _anonymous.PostAsync($"/api/v1/requests/{multipart}/answer", form);
        var raw = new ByteArrayContent("secret=no+content+type"u8.ToArray());
        raw.Headers.ContentType = null;
        var byBareBody = await _anonymous.PostAsync($"/api/v1/requests/{bare}/answer", raw);
        var byQuery = await _anonymous.PostAsync($"/api/v1/requests/{query}/answer?secret=in+the+query", null);

        foreach (var response in new[] { byJson, byMultipart, byBareBody, byQuery })
        {
            var body = await response.ExpectJsonAsync(HttpStatusCode.OK);
            Assert.That(body.ToJsonString(), Is.EqualTo("""{"state":"answered"}"""));
        }
    }

    [Test]
    public async Task ShouldRefuseAnonymousRequesters()
    {
        var create = await _anonymous.PostFormAsync("/api/v1/requests", ("note", "anyone?"));
        var list = await _anonymous.GetAsync("/api/v1/requests");

        Assert.That((await create.ExpectJsonAsync(HttpStatusCode.Unauthorized))["message"]!.GetValue<string>(), Is.EqualTo("Not authorized"));
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldCapTheTimesByThePlan_AndRefuseALongNote()
    {
        using var requester = await AccountClientAsync("limits@example.org");
        var capped = await CreateRequestAsync(requester, ("ttl", "999999999"), ("secret_ttl", "999999999"));
        var defaults = await CreateRequestAsync(requester);
        var longNote = await requester.PostFormAsync("/api/v1/requests", ("note", new string('n', 501)));
        var fullNote = await requester.PostFormAsync("/api/v1/requests", ("note", new string('é', 500)));

        Assert.Multiple(() =>
        {
            Assert.That(capped["ttl"]!.GetValue<long>(), Is.EqualTo(30 * 24 * 3600));
            Assert.That(capped["secret_ttl"]!.GetValue<long>(), Is.EqualTo(30 * 24 * 3600));
            Assert.That(defaults["ttl"]!.GetValue<long>(), Is.EqualTo(7 * 24 * 3600));
            Assert.That(defaults["secret_ttl"]!.GetValue<long>(), Is.EqualTo(7 * 24 * 3600));
            Assert.That(defaults["note"]!.GetValue<string>(), Is.Empty);
        });
        Assert.That((await longNote.ExpectJsonAsync(HttpStatusCode.BadRequest))["message"]!.GetValue<string>(), Is.EqualTo("Note must be no more than 500 characters long"));
        await fullNote.ExpectJsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task ShouldHoldTheAnswerToTheRequestersPlan()
    {
        using var requester = await AccountClientAsync("small@example.org");
        var key = (await CreateRequestAsync(requester))["request_key"]!.GetValue<string>();

        var tooLarge = await AnswerAsync(key, ("secret", new string('x', 10_001)));
        var empty = await AnswerAsync(key, ("secret", "   "));
        var fits = await AnswerAsync(key, ("secret", new string('x', 10_000)));

        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((await empty.ExpectJsonAsync(HttpStatusCode.BadRequest))["message"]!.GetValue<string>(), Is.EqualTo("You did not provide anything to share"));
        await fits.ExpectJsonAsync(HttpStatusCode.OK);
    }

    [Test]
    public async Task ShouldAskForThePassphrase_WhenTheSenderGaveOne()
    {
        using var requester = await AccountClientAsync("passphrase@example.org");
        var key = (await CreateRequestAsync(requester))["request_key"]!.GetValue<string>();
        await (await AnswerAsync(key, ("secret", "guarded"), ("passphrase", "told by phone"))).ExpectJsonAsync(HttpStatusCode.OK);
        var secretKey = (await (await requester.GetAsync($"/api/v1/requests/{key}")).ExpectJsonAsync(HttpStatusCode.OK))["secret_key"]!.GetValue<string>();
        LogCapture.AddSensitive(secretKey);

        var without = await _anonymous.PostAsync($"/api/v1/secret/{secretKey}", null);
        var with = await _anonymous.PostFormAsync($"/api/v1/secret/{secretKey}", ("passphrase", "told by phone"));

        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await with.ExpectJsonAsync(HttpStatusCode.OK))["value"]!.GetValue<string>(), Is.EqualTo("guarded"));
    }

    [Test]
    public async Task ShouldCloseTheLink_WhenTheRequestIsCancelled()
    {
        using var requester = await AccountClientAsync("cancels@example.org");
        using var other = await AccountClientAsync("notmine@example.org");
        var key = (await CreateRequestAsync(requester))["request_key"]!.GetValue<string>();

        var byOther = await other.PostAsync($"/api/v1/requests/{key}/cancel", null);
        var cancelled = await (await requester.PostAsync($"/api/v1/requests/{key}/cancel", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var answer = await AnswerAsync(key, ("secret", "too late"));
        var twice = await requester.PostAsync($"/api/v1/requests/{key}/cancel", null);
        var list = await (await requester.GetAsync("/api/v1/requests")).ExpectJsonAsync(HttpStatusCode.OK);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await byOther.ExpectJsonAsync(HttpStatusCode.NotFound))["message"]!.GetValue<string>(), Is.EqualTo("Unknown request"));
            Assert.That(cancelled["state"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That((await answer.ExpectJsonAsync(HttpStatusCode.NotFound)).ToJsonString(), Is.EqualTo("""{"message":"Unknown request"}"""));
            Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(list.AsArray().Single()!["state"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        });
        await ApiSchemas.AssertValidAsync("requests", list.ToJsonString());
    }

    [Test]
    public async Task ShouldExpireOpenRequests_AndPurgeThem()
    {
        using var requester = await AccountClientAsync("expires@example.org");
        var expiring = (await CreateRequestAsync(requester, ("ttl", "600")))["request_key"]!.GetValue<string>();
        var cancelled = (await CreateRequestAsync(requester, ("ttl", "600")))["request_key"]!.GetValue<string>();
        var answered = (await CreateRequestAsync(requester, ("ttl", "600"), ("secret_ttl", "3600")))["request_key"]!.GetValue<string>();
        await (await requester.PostAsync($"/api/v1/requests/{cancelled}/cancel", null)).ExpectJsonAsync(HttpStatusCode.OK);
        await (await AnswerAsync(answered, ("secret", "kept with its receipt"))).ExpectJsonAsync(HttpStatusCode.OK);
        _app.Clock.Advance(TimeSpan.FromSeconds(601));

        var late = await AnswerAsync(expiring, ("secret", "after expiry"));
        var expired = await (await requester.GetAsync($"/api/v1/requests/{expiring}")).ExpectJsonAsync(HttpStatusCode.OK);
        var stillCancelled = await (await requester.GetAsync($"/api/v1/requests/{cancelled}")).ExpectJsonAsync(HttpStatusCode.OK);
        var early = await PurgeAsync();
        _app.Clock.Advance(TimeSpan.FromSeconds(600));
        var report = await PurgeAsync();
        var afterPurge = await requester.GetAsync($"/api/v1/requests/{expiring}");
        var cancelledAfterPurge = await requester.GetAsync($"/api/v1/requests/{cancelled}");
        var answeredAfterPurge = await (await requester.GetAsync($"/api/v1/requests/{answered}")).ExpectJsonAsync(HttpStatusCode.OK);
        _app.Clock.Advance(TimeSpan.FromSeconds(2 * 3600));
        var laterReport = await PurgeAsync();
        var answeredGone = await requester.GetAsync($"/api/v1/requests/{answered}");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await late.ExpectJsonAsync(HttpStatusCode.NotFound))["message"]!.GetValue<string>(), Is.EqualTo("Unknown request"));
            Assert.That(expired["state"]!.GetValue<string>(), Is.EqualTo("expired"));
            Assert.That(stillCancelled["state"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(early.RequestsDeleted, Is.Zero, "an expired request is kept as long again as it was open");
            Assert.That(report.RequestsDeleted, Is.EqualTo(2), "the expired and the cancelled request");
            Assert.That(afterPurge.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(cancelledAfterPurge.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(answeredAfterPurge["state"]!.GetValue<string>(), Is.EqualTo("answered"));
            Assert.That(laterReport.RequestsDeleted, Is.EqualTo(1), "the answered request goes with its secret's receipt");
            Assert.That(answeredGone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task ShouldListTheAccountsRequestsOnly_NewestFirst()
    {
        using var requester = await AccountClientAsync("lister@example.org");
        using var other = await AccountClientAsync("elsewhere@example.org");
        var first = (await CreateRequestAsync(requester, ("note", "first")))["request_key"]!.GetValue<string>();
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await CreateRequestAsync(requester, ("note", "second")))["request_key"]!.GetValue<string>();
        await CreateRequestAsync(other, ("note", "not yours"));

        var list = await (await requester.GetAsync("/api/v1/requests")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(list.AsArray().Select(r => r!["request_key"]!.GetValue<string>()), Is.EqualTo(new[] { second, first }));
        Assert.That(list.AsArray().Select(r => r!["secret_key"]), Is.All.Null);
        await ApiSchemas.AssertValidAsync("requests", list.ToJsonString());
    }

    [TestCase("short")]
    [TestCase("0123456789abcdefghijklmnopqrstu")]
    public async Task ShouldAnswerUnknownRequest_WhenTheKeyNamesNothing(string key)
    {
        var answer = await AnswerAsync(key, ("secret", "anything"));

        Assert.That((await answer.ExpectJsonAsync(HttpStatusCode.NotFound)).ToJsonString(), Is.EqualTo("""{"message":"Unknown request"}"""));
    }

    private async Task<PurgeReport> PurgeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeExpiredCommand());
    }
}
