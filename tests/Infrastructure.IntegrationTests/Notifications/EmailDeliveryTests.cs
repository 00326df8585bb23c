using MimeKit;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;
using OneTimeSecret.Application.Customers.Queries.GetCustomer;
using OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Notifications;

/// <summary>
/// The outbox against a real SMTP server (aiosmtpd on 127.0.0.1) that each test starts when it wants it up:
/// what arrives, what never does, and what happens while the server is down.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class EmailDeliveryTests(DatabaseProvider provider) : NotificationTestBase(provider)
{
    private const string Value = "Value-3b7e91-never-in-mail";
    private const string Passphrase = "Passphrase-c40d2a-never-in-mail";

    private readonly SmtpTestServer _smtp = new();

    protected override IDictionary<string, string?> ExtraSettings()
    {
        var settings = _smtp.Settings();
        settings["Smtp:MaxAttempts"] = "3";
        settings["Smtp:RetryBaseDelaySeconds"] = "60";
        settings["App:SiteName"] = "Secrets <&> Co";
        return settings;
    }

    [OneTimeSetUp]
    public void RequireSmtpServer() => SmtpTestServer.RequireAiosmtpd();

    [TearDown]
    public async Task StopSmtpServerAsync()
    {
        await _smtp.StopAsync();
        _smtp.ClearMessages();
    }

    [OneTimeTearDown]
    public async Task DisposeSmtpServerAsync() => await _smtp.DisposeAsync();

    [Test]
    public async Task ShouldDeliverTheLinkButNeitherValueNorPassphrase_WhenTheServerIsUp()
    {
        await _smtp.StartAsync();
        var created = await ShareAsync(Value, passphrase: Passphrase, ttl: 7 * 24 * 3600, recipients: ["fred@example.org"]);

        var report = await DeliverAsync();

        Assert.That(report, Is.EqualTo(new DeliveryReport(1, 0, 0, 0)), Logs.AllText);
        var message = _smtp.Messages().Single();
        var link = $"{ShareUrlBase}/secret/{created.SecretKey}";
        var raw = message.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(message.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "fred@example.org" }));
            Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("noreply@ots.test"));
            Assert.That(message.Subject, Is.EqualTo("Someone shared a secret with you"));
            Assert.That(message.TextBody, Does.Contain(link));
            Assert.That(message.HtmlBody, Does.Contain($"href=\"{link}\""));
            Assert.That(message.TextBody, Does.Contain("Secrets <&> Co"));
            Assert.That(message.HtmlBody, Does.Not.Contain("<&>"), "the HTML part must escape what it shows");
            Assert.That(message.HtmlBody, Does.Contain("Secrets &lt;&amp;&gt; Co"));
            Assert.That(message.TextBody, Does.Contain("viewed only once"));
            Assert.That(message.TextBody, Does.Contain($"{TestStart.AddDays(7):yyyy-MM-dd HH:mm} UTC (in 7 days)"));
            Assert.That(message.TextBody, Does.Contain("passphrase"));
            Assert.That(raw, Does.Not.Contain(Value));
            Assert.That(raw, Does.Not.Contain(Passphrase));
            Assert.That(raw, Does.Not.Contain(created.MetadataKey));
        });
    }

    [Test]
    public async Task ShouldCreateTheSecretAtOnceAndDeliverLater_WhenTheServerIsDownAtFirst()
    {
        var created = await ShareAsync(Value, recipients: ["fred@example.org"]);

        var whileDown = await DeliverAsync();

        Assert.That(created.Metadata.EmailStatus, Is.EqualTo(NotificationStatus.Pending));
        Assert.That(whileDown, Is.EqualTo(new DeliveryReport(0, 1, 0, 0)));
        var waiting = await SingleNotificationAsync();
        Assert.That(waiting.Status, Is.EqualTo(NotificationStatus.Pending));
        Assert.That(waiting.Attempts, Is.EqualTo(1));
        Assert.That(waiting.NextAttemptAt, Is.EqualTo(TestStart.AddSeconds(60)), "first retry after the base delay");
        Assert.That((await ViewAsync(created.MetadataKey)).EmailStatus, Is.EqualTo(NotificationStatus.Pending));

        await _smtp.StartAsync();
        var beforeTheRetryIsDue = await DeliverAsync();
        Clock.Advance(TimeSpan.FromSeconds(60));
        var afterTheServerCameUp = await DeliverAsync();

        Assert.That(beforeTheRetryIsDue.Handled, Is.Zero);
        Assert.That(afterTheServerCameUp, Is.EqualTo(new DeliveryReport(1, 0, 0, 0)));
        Assert.That(_smtp.Messages().Single().TextBody, Does.Contain($"{ShareUrlBase}/secret/{created.SecretKey}"));
        Assert.That((await ViewAsync(created.MetadataKey)).EmailStatus, Is.EqualTo(NotificationStatus.Sent));
    }

    [Test]
    public async Task ShouldKeepOnlyTheObfuscatedAddressAndTheOutcome_WhenTheEmailIsSent()
    {
        await _smtp.StartAsync();
        await ShareAsync(Value, recipients: ["fred@example.org"]);

        await DeliverAsync();

        var sent = await SingleNotificationAsync();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Status, Is.EqualTo(NotificationStatus.Sent));
            Assert.That(sent.EncryptedAddress, Is.Null);
            Assert.That(sent.EncryptedShareLink, Is.Null);
            Assert.That(sent.ObfuscatedAddress, Is.EqualTo("fr*****@e*****.org"));
            Assert.That(sent.SentAt, Is.EqualTo(TestStart));
            Assert.That(sent.Attempts, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ShouldGiveUpAndEraseTheAddress_WhenEveryAttemptFails()
    {
        var created = await ShareAsync(Value, recipients: ["fred@example.org"]);

        var reports = new List<DeliveryReport> { await DeliverAsync() };
        Clock.Advance(TimeSpan.FromSeconds(60));
        reports.Add(await DeliverAsync());
        Clock.Advance(TimeSpan.FromSeconds(120));
        reports.Add(await DeliverAsync());

        Assert.That(reports, Is.EqualTo(new[]
        {
            new DeliveryReport(0, 1, 0, 0),
            new DeliveryReport(0, 1, 0, 0),
            new DeliveryReport(0, 0, 1, 0),
        }));
        var failed = await SingleNotificationAsync();
        Assert.That(failed.Status, Is.EqualTo(NotificationStatus.Failed));
        Assert.That(failed.HoldsPayload, Is.False);
        Assert.That((await ViewAsync(created.MetadataKey)).EmailStatus, Is.EqualTo(NotificationStatus.Failed));

        await _smtp.StartAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.That((await DeliverAsync()).Handled, Is.Zero);
        Assert.That(_smtp.Messages(), Is.Empty);
    }

    [Test]
    public async Task ShouldNotSendADeadLink_WhenTheSecretWasRevealedBeforeDelivery()
    {
        await _smtp.StartAsync();
        var created = await ShareAsync(Value, recipients: ["fred@example.org"]);
        await HandleAsync<RevealSecretCommandHandler, RevealedSecret>(h => h.Handle(new RevealSecretCommand(created.SecretKey, null, TestClient), CancellationToken.None));

        var report = await DeliverAsync();

        Assert.That(report, Is.EqualTo(new DeliveryReport(0, 0, 0, 1)));
        Assert.That(_smtp.Messages(), Is.Empty);
        var cancelled = await SingleNotificationAsync();
        Assert.That(cancelled.Status, Is.EqualTo(NotificationStatus.Cancelled));
        Assert.That(cancelled.HoldsPayload, Is.False);
    }

    [Test]
    public async Task ShouldWriteOneEmailPerRecipient_WhenThereAreSeveral()
    {
        await _smtp.StartAsync();
        var owner = await AddAccountAsync("sender@example.com");
        await ShareAsync(Value, requester: owner, recipients: ["fred@example.org", "wilma@example.net"]);

        var report = await DeliverAsync();

        Assert.That(report.Sent, Is.EqualTo(2));
        var messages = _smtp.Messages();
        Assert.That(messages.Select(m => m.To.Mailboxes.Single().Address), Is.EquivalentTo(new[] { "fred@example.org", "wilma@example.net" }));
        Assert.That(messages.Select(m => m.Subject), Is.All.EqualTo("sender@example.com shared a secret with you"));
        var account = await HandleAsync<GetCustomerQueryHandler, CustomerDto>(h => h.Handle(new GetCustomerQuery(owner), CancellationToken.None));
        Assert.That(account.EmailsSent, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldSendEachEmailOnce_WhenTwoInstancesDeliverAtTheSameTime()
    {
        await _smtp.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            await ShareAsync($"{Value} {i}", recipients: [$"person{i}@example.org"]);
        }

        await using var secondInstance = BuildServiceProvider(Clock);
        var reports = await Task.WhenAll(
            Task.Run(() => DeliverOnAsync(Services)),
            Task.Run(() => DeliverOnAsync(secondInstance)));

        Assert.That(reports.Sum(r => r.Sent), Is.EqualTo(6));
        Assert.That(_smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).ToList(), Is.Unique.And.Count.EqualTo(6));
    }

    [Test]
    public async Task ShouldNotFallBackToPlainText_WhenStartTlsIsRequiredButNotOffered()
    {
        await _smtp.StartAsync();
        await ShareAsync(Value, recipients: ["fred@example.org"]);
        await using var strict = BuildServiceProvider(Clock, new Dictionary<string, string?> { ["Smtp:Security"] = "StartTls" });

        var report = await DeliverOnAsync(strict);

        Assert.That(report, Is.EqualTo(new DeliveryReport(0, 1, 0, 0)));
        Assert.That(_smtp.Messages(), Is.Empty);
    }

    private async Task<Requester> AddAccountAsync(string custId)
    {
        var account = await HandleAsync<AddCustomerCommandHandler, IssuedApiToken>(h =>
            h.Handle(new AddCustomerCommand(custId, "basic"), CancellationToken.None));
        return (await HandleAsync<AuthenticateApiClientQueryHandler, Requester?>(h =>
            h.Handle(new AuthenticateApiClientQuery(account.CustId, account.ApiToken), CancellationToken.None)))!;
    }
}
