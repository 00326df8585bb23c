using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Customers.Commands.NotifySignInFailures;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.TestSupport;
using OneTimeSecret.Web.Cli;
using OneTimeSecret.Web.FunctionalTests.Mail;

namespace OneTimeSecret.Web.FunctionalTests.Cli;

/// <summary>
/// The rotation procedure of docs/self-hosting.md, end to end: secrets written under key A, the app restarted with B
/// current and A previous, <c>keys status</c>, <c>keys reencrypt</c>, and the app without A.
/// </summary>
public sealed class KeysCommandLineTests
{
    private static readonly string KeyA = MasterKeyRing.NewKey();
    private static readonly string KeyB = MasterKeyRing.NewKey();

    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    [TearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    private Dictionary<string, string?> Keys(string current, params string[] previous)
    {
        var settings = _database.Settings();
        settings["Encryption:MasterKey"] = current;
        for (var i = 0; i < previous.Length; i++)
        {
            settings[$"Encryption:PreviousMasterKeys:{i}"] = previous[i];
        }

        return settings;
    }

    /// <summary>The app on the shared database, its clock at the real time (the command line reads the real clock).</summary>
    private OneTimeSecretApp StartApp(Dictionary<string, string?> settings)
    {
        var app = OneTimeSecretApp.Start(_database, settings);
        app.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        return app;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> KeysAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await KeysCommandLine.RunAsync(["keys", .. args], output, errors, settings);
        return (exitCode, output.ToString(), errors.ToString());
    }

    private static string[] StatusLine(string output, string keyBase64)
    {
        var id = MasterKeyRing.KeyIdOf(keyBase64).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var line = output.Split('\n').SingleOrDefault(l => l.StartsWith(id, StringComparison.Ordinal))
            ?? throw new AssertionException($"No line for key {id} in:\n{output}");
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public async Task ShouldPrintANewKey_OnTheLastLine()
    {
        var (exitCode, output, errors) = await KeysAsync(Keys(KeyA), "generate");

        var key = output.TrimEnd().Split('\n')[^1];
        Assert.That(exitCode, Is.Zero);
        Assert.That(Convert.FromBase64String(key), Has.Length.EqualTo(32));
        Assert.That(errors, Does.Contain(MasterKeyRing.KeyIdOf(key).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task ShouldKeepSecretsReadable_ThroughARotation()
    {
        string anonymousKey;
        string accountKey;
        string accountMetadataKey;
        (string CustId, string Token) alice;
        await using (var underA = StartApp(Keys(KeyA)))
        {
            var account = await underA.AddAccountAsync("alice@example.org");
            alice = (account.CustId, account.ApiToken);
            using var anonymous = underA.CreateClient();
            using var asAlice = underA.CreateClient(alice.CustId, alice.Token);
            anonymousKey = (await anonymous.ShareAsync("anonymous under A"))["secret_key"]!.GetValue<string>();
            var shared = await asAlice.ShareAsync("alice under A");
            accountKey = shared["secret_key"]!.GetValue<string>();
            accountMetadataKey = shared["metadata_key"]!.GetValue<string>();
        }

        var rotated = Keys(KeyB, KeyA);
        var before = await KeysAsync(rotated, "status");
        Assert.That(before.ExitCode, Is.Zero, before.Errors);
        Assert.That(StatusLine(before.Output, KeyA)[1..6], Is.EqualTo(new[] { "previous", "[0]", "2", "2", "1" }), before.Output);
        Assert.That(StatusLine(before.Output, KeyB)[1..5], Is.EqualTo(new[] { "current", "0", "0", "0" }), before.Output);

        var reencrypted = await KeysAsync(rotated, "reencrypt");
        Assert.That(reencrypted.ExitCode, Is.Zero, reencrypted.Errors);
        Assert.That(reencrypted.Output, Does.Contain("1 value(s), 1 secret key(s), 1 metadata key(s) of 1 account secret(s)"));
        Assert.That(StatusLine(reencrypted.Output, KeyA)[3..6], Is.EqualTo(new[] { "1", "1", "0" }), "only the anonymous secret is left under A");

        await using (var withBoth = StartApp(rotated))
        {
            using var client = withBoth.CreateClient();
            var revealed = await (await client.PostAsync($"/api/v1/secret/{anonymousKey}", null)).ExpectJsonAsync(HttpStatusCode.OK);
            Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo("anonymous under A"));
        }

        var onlyB = Keys(KeyB);
        await using (var withoutA = StartApp(onlyB))
        {
            using var asAlice = withoutA.CreateClient(alice.CustId, alice.Token);
            var metadata = await (await asAlice.PostAsync($"/api/v1/private/{accountMetadataKey}", null)).ExpectJsonAsync(HttpStatusCode.OK);
            var revealed = await (await asAlice.PostAsync($"/api/v1/secret/{accountKey}", null)).ExpectJsonAsync(HttpStatusCode.OK);
            Assert.That(metadata["secret_key"]!.GetValue<string>(), Is.EqualTo(accountKey));
            Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo("alice under A"));
        }

        // Revealing the anonymous secret erased its value and its encrypted secret key with it (issue 15 item 1), so
        // no secret row needs A any more: status, which counts secret rows, no longer asks for it.
        var after = await KeysAsync(onlyB, "status");
        Assert.That(after.ExitCode, Is.Zero, after.Output);
        Assert.That(after.Output, Does.Not.Contain("MISSING"));
    }

    [Test]
    public async Task ShouldCountAndMoveDataProtectionKeysAndPendingEmails_BeforeCallingTheOldKeyRemovable()
    {
        await using (var underA = StartApp(Keys(KeyA)))
        {
            // A page with a form makes the data-protection key (sealed under A); an email waits in the outbox.
            (await underA.CreateClient().GetAsync("/")).EnsureSuccessStatusCode();
            var account = await underA.AddAccountAsync("carol@example.org");
            using var asCarol = underA.CreateClient(account.CustId, account.ApiToken);
            await asCarol.ShareAsync("carol under A", ("recipient", "dave@example.net"));
        }

        var rotated = Keys(KeyB, KeyA);
        var before = await KeysAsync(rotated, "status");
        Assert.That(before.ExitCode, Is.Zero, before.Errors);
        Assert.That(StatusLine(before.Output, KeyA)[6..8], Is.EqualTo(new[] { "1", "1" }), "one data-protection key, one pending email under A:\n" + before.Output);

        var reencrypted = await KeysAsync(rotated, "reencrypt");
        Assert.That(reencrypted.ExitCode, Is.Zero, reencrypted.Errors);
        Assert.That(reencrypted.Output, Does.Contain("1 data-protection key(s), 1 pending email(s)"));
        Assert.That(StatusLine(reencrypted.Output, KeyB)[5..7], Is.EqualTo(new[] { "1", "1" }), reencrypted.Output);
        Assert.That(reencrypted.Output, Does.Contain("Encryption:PreviousMasterKeys:0) protects nothing any more: it can be removed."));

        // Without A, nothing stored is left under a key the server does not hold.
        await using var withoutA = StartApp(Keys(KeyB));
        (await withoutA.CreateClient().GetAsync("/")).EnsureSuccessStatusCode();
        var usage = await KeysAsync(Keys(KeyB), "status");
        Assert.That(usage.Output, Does.Not.Contain("MISSING"), usage.Output);
    }

    [Test]
    public async Task ShouldCountAndMoveRequestsSignInNoticesAndSendersMessages_BeforeCallingTheOldKeyRemovable()
    {
        string requestKey;
        await using (var underA = StartApp(Keys(KeyA)))
        {
            var account = await underA.AddAccountAsync("erin@example.org");
            using var asErin = underA.CreateClient(account.CustId, account.ApiToken);
            var request = await (await asErin.PostFormAsync("/api/v1/requests", ("note", "the VPN password, please"))).ExpectJsonAsync(HttpStatusCode.OK);
            requestKey = request["request_key"]!.GetValue<string>();
            LogCapture.AddSensitive(requestKey);
        }

        // Only the request uses A: A is needed, and not removable.
        var rotated = Keys(KeyB, KeyA);
        var onlyTheRequest = await KeysAsync(rotated, "status");
        Assert.That(onlyTheRequest.ExitCode, Is.Zero, onlyTheRequest.Errors);
        Assert.That(StatusLine(onlyTheRequest.Output, KeyA)[8], Is.EqualTo("1"), "one request under A:\n" + onlyTheRequest.Output);
        Assert.That(onlyTheRequest.Output, Does.Not.Contain("can be removed"), onlyTheRequest.Output);

        // A sign-in notice (an account's own email, no link) and an email with the sender's message, both under A.
        await using (var underA = StartApp(Keys(KeyA)))
        {
            using var asErin = await underA.ApiClientForAsync("erin@example.org");
            await asErin.ShareAsync("erin under A", ("recipient", "frank@example.net"), ("message", "from Erin, as promised"));
            await using var scope = underA.Services.CreateAsyncScope();
            Assert.That(await scope.ServiceProvider.GetRequiredService<ISender>().Send(new NotifySignInFailuresCommand("erin@example.org")), Is.True);
        }

        var before = await KeysAsync(rotated, "status");
        Assert.That(StatusLine(before.Output, KeyA)[7..9], Is.EqualTo(new[] { "2", "1" }), "two pending emails and one request under A:\n" + before.Output);

        var reencrypted = await KeysAsync(rotated, "reencrypt");
        Assert.That(reencrypted.ExitCode, Is.Zero, reencrypted.Errors);
        Assert.That(reencrypted.Output, Does.Contain("2 pending email(s), 1 request(s)"), reencrypted.Output);
        Assert.That(StatusLine(reencrypted.Output, KeyA)[3..9], Is.EqualTo(new[] { "0", "0", "0", "0", "0", "0" }), reencrypted.Output);
        Assert.That(reencrypted.Output, Does.Contain("Encryption:PreviousMasterKeys:0) protects nothing any more: it can be removed."));

        // Without A: the requester reads the request whole, and both emails go out whole.
        var smtp = new SmtpTestServer();
        await using (smtp)
        {
            await smtp.StartAsync();
            var onlyB = Keys(KeyB);
            foreach (var (name, value) in smtp.Settings())
            {
                onlyB[name] = value;
            }

            onlyB["App:BaseUrl"] = "https://secrets.example.com";
            await using var withoutA = StartApp(onlyB);
            using var asErin = await withoutA.ApiClientForAsync("erin@example.org");
            var request = await (await asErin.GetAsync($"/api/v1/requests/{requestKey}")).ExpectJsonAsync(HttpStatusCode.OK);
            var report = await withoutA.DeliverAsync();
            var messages = smtp.Messages();

            Assert.That(request["note"]!.GetValue<string>(), Is.EqualTo("the VPN password, please"));
            Assert.That(report.Sent, Is.EqualTo(2), "both emails open under B");
            Assert.That(messages.Select(m => m.Subject), Has.One.Contains("Too many wrong passwords"));
            Assert.That(messages.Select(m => m.TextBody), Has.One.Contains("from Erin, as promised"));
        }
    }

    [Test]
    public async Task ShouldSayAPreviousKeyCanBeRemoved_WhenNothingUsesIt()
    {
        var (exitCode, output, _) = await KeysAsync(Keys(KeyB, KeyA), "status");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("Encryption:PreviousMasterKeys:0) protects nothing any more: it can be removed."));
    }

    [Test]
    public async Task ShouldPrintUsage_WhenTheCommandIsUnknown()
    {
        var (exitCode, _, errors) = await KeysAsync(Keys(KeyA), "rotate-everything");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(errors, Does.Contain("keys reencrypt"));
    }
}
