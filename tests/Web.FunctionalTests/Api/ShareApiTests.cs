using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace OneTimeSecret.Web.FunctionalTests.Api;

public sealed class ShareApiTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Secrets:ShareDomains:0"] = "share.example.net",

            // Anonymous callers give recipients here; the default (refused) is in LiveServiceBehaviourTests.
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

    [Test]
    public async Task ShouldAnswerTheMetadata_WhenASecretIsShared()
    {
        var json = await _client.ShareAsync("hunter2", ("ttl", "3600"));

        Assert.Multiple(() =>
        {
            Assert.That(json["custid"]!.GetValue<string>(), Is.EqualTo("anon"));
            Assert.That(json["metadata_key"]!.GetValue<string>(), Does.Match("^[0-9a-z]{31}$"));
            Assert.That(json["secret_key"]!.GetValue<string>(), Does.Match("^[0-9a-z]{31}$"));
            Assert.That(json["ttl"]!.GetValue<long>(), Is.EqualTo(3600));
            Assert.That(json["secret_ttl"]!.GetValue<long>(), Is.EqualTo(3600));
            Assert.That(json["metadata_ttl"]!.GetValue<long>(), Is.EqualTo(7200));
            Assert.That(json["state"]!.GetValue<string>(), Is.EqualTo("new"));
            Assert.That(json["created"]!.GetValue<long>(), Is.EqualTo(OneTimeSecretApp.Epoch.ToUnixTimeSeconds()));
            Assert.That(json["passphrase_required"]!.GetValue<bool>(), Is.False);
            Assert.That(json["recipient"]!.AsArray(), Is.Empty);
            Assert.That(json["share_domain"]!.GetValue<string>(), Is.Empty);
            Assert.That(json["value"], Is.Null);
        });
    }

    [TestCase("/api/v1/share")]
    [TestCase("/api/v1/generate")]
    public async Task ShouldAnswer400_WhenTheNoteIsTooLong(string path)
    {
        var response = await _client.PostFormAsync(path, ("secret", "noted"), ("note", new string('n', 101)));

        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Note must be no more than 100 characters long"));
    }

    [Test]
    public async Task ShouldTakeTheNoteFromAJsonBody()
    {
        using var body = new StringContent("""{"secret":"noted","note":"for Anna"}""", Encoding.UTF8, "application/json");
        var response = await _client.PostAsync("/api/v1/share", body);

        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(json["note"]!.GetValue<string>(), Is.EqualTo("for Anna"));
    }

    [Test]
    public async Task ShouldLeaveTheNoteOut_WhenNoneIsGiven()
    {
        var json = await _client.ShareAsync("no note");

        Assert.That(json.AsObject().ContainsKey("note"), Is.False);
    }

    [Test]
    public async Task ShouldAcceptCreateAsAnAliasOfShare()
    {
        var response = await _client.PostFormAsync("/api/v1/create", ("secret", "alias"));

        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(json["secret_key"]!.GetValue<string>(), Has.Length.EqualTo(31));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\r\n\t")]
    public async Task ShouldRefuseWithTheReferenceMessage_WhenThereIsNothingToShare(string secret)
    {
        var response = await _client.PostFormAsync("/api/v1/share", ("secret", secret));

        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("You did not provide anything to share"));
    }

    [Test]
    public async Task ShouldRefuseWithTheReferenceMessage_WhenTheSecretParameterIsMissing()
    {
        var response = await _client.PostAsync("/api/v1/share", null);

        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("You did not provide anything to share"));
    }

    [Test]
    public async Task ShouldAnswer413NamingTheLimit_WhenTheSecretIsLargerThanTheAnonymousPlan()
    {
        var atLimit = await _client.PostFormAsync("/api/v1/share", ("secret", new string('x', 1000)));
        var overLimit = await _client.PostFormAsync("/api/v1/share", ("secret", new string('x', 1001)));

        await atLimit.ExpectJsonAsync(HttpStatusCode.OK);
        var json = await overLimit.ExpectJsonAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Secret value exceeds the maximum size of 1000 bytes"));
    }

    [Test]
    public async Task ShouldAllowTenThousandCharacters_WhenTheAccountIsOnTheBasicPlan()
    {
        var account = await _app.AddAccountAsync("large@example.org");
        using var client = _app.CreateClient(account.CustId, account.ApiToken);

        var ok = await client.PostFormAsync("/api/v1/share", ("secret", new string('y', 10_000)));
        var tooLarge = await client.PostFormAsync("/api/v1/share", ("secret", new string('y', 10_001)));

        var json = await ok.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(json["custid"]!.GetValue<string>(), Is.EqualTo("large@example.org"));
        var error = await tooLarge.ExpectJsonAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("Secret value exceeds the maximum size of 10000 bytes"));
    }

    [TestCase("banana", 604800)]
    [TestCase("", 604800)]
    [TestCase("-1", 604800)]
    [TestCase("0", 604800)]
    [TestCase("59", 60)]
    [TestCase("61", 61)]
    [TestCase("3600.9", 3600)]
    [TestCase("1e99", 604800)]
    [TestCase("99999999999999999999999", 604800)]
    [TestCase("2592000", 604800)]
    public async Task ShouldUseTheEffectiveTtl_WhenTheTtlIsOddOrOutOfRange(string ttl, long expected)
    {
        var json = await _client.ShareAsync("ttl check", ("ttl", ttl));

        Assert.That(json["ttl"]!.GetValue<long>(), Is.EqualTo(expected));
        Assert.That(json["secret_ttl"]!.GetValue<long>(), Is.EqualTo(expected));
    }

    [Test]
    public async Task ShouldClampToThirtyDays_WhenABasicAccountAsksForMore()
    {
        var account = await _app.AddAccountAsync("longttl@example.org");
        using var client = _app.CreateClient(account.CustId, account.ApiToken);

        var json = await client.ShareAsync("long", ("ttl", "99999999"));

        Assert.That(json["ttl"]!.GetValue<long>(), Is.EqualTo(30 * 24 * 3600));
    }

    [Test]
    public async Task ShouldShowTheRecipientObfuscated_WhenOneIsGiven()
    {
        var json = await _client.ShareAsync("for fred", ("recipient", "fred@example.org"));

        Assert.That(json["recipient"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "fr*****@e*****.org" }));
        Assert.That(json.ToJsonString(), Does.Not.Contain("fred@example.org"));
    }

    [TestCase("not-an-email")]
    [TestCase("fred@")]
    [TestCase("@example.org")]
    [TestCase("fred@localhost")]
    [TestCase("Fred <fred@example.org>")]
    public async Task ShouldRefuse_WhenTheRecipientIsNotAnEmailAddress(string recipient)
    {
        var response = await _client.PostFormAsync("/api/v1/share", ("secret", "x"), ("recipient", recipient));

        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Recipient must be a valid email address"));
    }

    [Test]
    public async Task ShouldAnswer403_WhenAnAnonymousCallerNamesMoreRecipientsThanThePlanAllows()
    {
        var body = JsonContent.Create(new { secret = "x", recipient = new[] { "a@example.org", "b@example.org" } });

        var response = await _client.PostAsync("/api/v1/share", body);

        var json = await response.ExpectJsonAsync(HttpStatusCode.Forbidden);
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("at most 1 recipient"));
    }

    [Test]
    public async Task ShouldUseTheShareDomain_WhenItIsOnTheAllowList()
    {
        var json = await _client.ShareAsync("branded", ("share_domain", "share.example.net"));

        Assert.That(json["share_domain"]!.GetValue<string>(), Is.EqualTo("share.example.net"));
        Assert.That(json["share_url"]!.GetValue<string>(), Does.StartWith("https://share.example.net/secret/"));
    }

    [Test]
    public async Task ShouldRefuseTheShareDomain_WhenItIsNotOnTheAllowList()
    {
        var response = await _client.PostFormAsync("/api/v1/share", ("secret", "x"), ("share_domain", "evil.example.com"));

        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Unknown share_domain"));
    }

    [Test]
    public async Task ShouldRequireThePassphrase_WhenOneIsGiven()
    {
        var json = await _client.ShareAsync("guarded", ("passphrase", "sesame"));

        Assert.That(json["passphrase_required"]!.GetValue<bool>(), Is.True);
        Assert.That(json["has_passphrase"]!.GetValue<bool>(), Is.True);
        Assert.That(json.ToJsonString(), Does.Not.Contain("sesame"));
    }

    [Test]
    public async Task ShouldRefuse_WhenTheSecretHoldsANulCharacter()
    {
        var response = await _client.PostFormAsync("/api/v1/share", ("secret", "a\0b"));

        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Secret must not contain NUL characters"));
    }

    [Test]
    public async Task ShouldRefuse_WhenTheBodyIsNotValidUtf8()
    {
        var content = new ByteArrayContent([.. "secret="u8, 0xC3, 0x28]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

        var response = await _client.PostAsync("/api/v1/share", content);

        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Parameters must be valid UTF-8"));
    }

    [Test]
    public async Task ShouldRefuse_WhenPercentEncodingHidesInvalidUtf8()
    {
        var content = new StringContent("secret=%C3%28", Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await _client.PostAsync("/api/v1/share", content);

        await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task ShouldRefuse_WhenAParameterIsGivenTwice()
    {
        var response = await _client.PostAsync(
            "/api/v1/share",
            new StringContent("secret=a&secret=b", Encoding.ASCII, "application/x-www-form-urlencoded"));

        var json = await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Parameter 'secret' was given more than once"));
    }

    [Test]
    public async Task ShouldRefuseBeforeReading_WhenTheBodyIsHuge()
    {
        var content = new ByteArrayContent(new byte[50 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

        var response = await _client.PostAsync("/api/v1/share", content);

        var json = await response.ExpectJsonAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(json["message"]!.GetValue<string>(), Does.StartWith("Request body exceeds the maximum size"));
    }

    [Test]
    public async Task ShouldReadTheWholeBody_WhenItArrivesInPieces()
    {
        var account = await _app.AddAccountAsync("pieces@example.org");
        using var client = _app.CreateClient(account.CustId, account.ApiToken);
        var secret = string.Concat(Enumerable.Range(0, 10_000).Select(i => (char)('a' + (i * 7 % 26))));
        using var content = new UnknownLengthContent(Encoding.ASCII.GetBytes("secret=" + secret), pieceSize: 999);

        var shared = await (await client.PostAsync("/api/v1/share", content)).ExpectJsonAsync(HttpStatusCode.OK);
        var revealed = await (await client.PostAsync($"/api/v1/secret/{shared["secret_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo(secret));
    }

    [Test]
    public async Task ShouldRefuse_WhenABodyWithoutALengthGrowsPastTheLimit()
    {
        var body = new byte[300 * 1024];
        Array.Fill(body, (byte)'x');
        "secret="u8.CopyTo(body);
        using var content = new UnknownLengthContent(body, pieceSize: 16 * 1024);

        var response = await _client.PostAsync("/api/v1/share", content);

        var json = await response.ExpectJsonAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(json["message"]!.GetValue<string>(), Does.StartWith("Request body exceeds the maximum size"));
    }

    [Test]
    public async Task ShouldAnswer415_WhenTheContentTypeIsNotUnderstood()
    {
        var response = await _client.PostAsync("/api/v1/share", new StringContent("secret=x", Encoding.UTF8, "text/plain"));

        await response.ExpectJsonAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [TestCase("{\"secret\": ")]
    [TestCase("[\"secret\"]")]
    [TestCase("{\"secret\": {\"nested\": 1}}")]
    [TestCase("{\"secret\": \"a\", \"secret\": \"b\"}")]
    public async Task ShouldAnswer400_WhenTheJsonBodyIsUnusable(string body)
    {
        var response = await _client.PostAsync("/api/v1/share", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ExpectJsonAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task ShouldPreferTheBody_WhenAParameterIsBothInTheQueryAndTheBody()
    {
        var response = await _client.PostAsync(
            "/api/v1/share?secret=from-query&ttl=120",
            new FormUrlEncodedContent([new("secret", "from-body")]));
        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);

        var revealed = await (await _client.PostAsync($"/api/v1/secret/{json["secret_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo("from-body"));
        Assert.That(json["ttl"]!.GetValue<long>(), Is.EqualTo(120));
    }

    [Test]
    public async Task ShouldReadParameters_FromAMultipartBody()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("multipart secret"), "secret" },
            { new StringContent("300"), "ttl" },
        };

        var response = await _client.PostAsync("/api/v1/share", content);

        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(json["ttl"]!.GetValue<long>(), Is.EqualTo(300));
    }

    [Test]
    public async Task ShouldReadParameters_FromAJsonBodyWithANumericTtl()
    {
        var response = await _client.PostAsync("/api/v1/share", JsonContent.Create(new { secret = "json secret", ttl = 900 }));

        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(json["ttl"]!.GetValue<long>(), Is.EqualTo(900));
    }

    [Test]
    public async Task ShouldNeverBeCached()
    {
        var response = await _client.PostFormAsync("/api/v1/share", ("secret", "no cache"));

        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }
}

/// <summary>A form body sent in pieces with no Content-Length, as a streaming client would.</summary>
internal sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _body;
    private readonly int _pieceSize;

    public UnknownLengthContent(byte[] body, int pieceSize)
    {
        _body = body;
        _pieceSize = pieceSize;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        for (var offset = 0; offset < _body.Length; offset += _pieceSize)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(_pieceSize, _body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
