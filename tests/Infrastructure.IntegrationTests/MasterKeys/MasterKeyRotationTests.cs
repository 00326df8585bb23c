using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OneTimeSecret.Application;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Commands.NotifySignInFailures;
using OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;
using OneTimeSecret.Application.MasterKeys.Commands.ReencryptSecrets;
using OneTimeSecret.Application.MasterKeys.Queries.GetMasterKeyUsage;
using OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;
using OneTimeSecret.Application.Requests.Commands.CreateSecretRequest;
using OneTimeSecret.Application.Requests.Common;
using OneTimeSecret.Application.Requests.Queries.ListSecretRequests;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Application.Secrets.Queries.GetRecentMetadata;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Infrastructure.IntegrationTests.MasterKeys;

/// <summary>
/// A master key rotation on a real database: data written under key A stays readable once B is current and A is a
/// previous key; <c>keys status</c> counts what each key protects; re-encryption moves account secrets to B.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class MasterKeyRotationTests(DatabaseProvider provider)
{
    private static readonly string KeyA = MasterKeyRing.NewKey();
    private static readonly string KeyB = MasterKeyRing.NewKey();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private readonly List<ServiceProvider> _providers = [];
    private readonly Dictionary<string, string?> _mailSettings = [];

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var initial = Services(KeyA);
        await initial.InitialiseDatabaseAsync();
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        foreach (var services in _providers)
        {
            await services.DisposeAsync();
        }

        _providers.Clear();

        // Null when the set-up was ignored (no PostgreSQL for this machine) or failed before making the database.
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null!;
        }
    }

    /// <summary>The app's services with <paramref name="current"/> as master key and the others as previous keys.</summary>
    private ServiceProvider Services(string current, params string[] previous)
    {
        var settings = _database.Settings();
        foreach (var (name, value) in _mailSettings)
        {
            settings[name] = value;
        }

        settings["Encryption:MasterKey"] = current;
        for (var i = 0; i < previous.Length; i++)
        {
            settings[$"Encryption:PreviousMasterKeys:{i}"] = previous[i];
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddApplicationServices()
            .AddInfrastructureServices(configuration);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<Application.Common.Interfaces.IPassphraseAttemptLimiter, UnlimitedPassphraseAttempts>();
        var built = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _providers.Add(built);
        return built;
    }

    private static async Task<TResult> HandleAsync<THandler, TResult>(IServiceProvider services, Func<THandler, ValueTask<TResult>> call)
        where THandler : class
    {
        await using var scope = services.CreateAsyncScope();
        return await call(ActivatorUtilities.CreateInstance<THandler>(scope.ServiceProvider));
    }

    private static Task<CreatedSecret> ShareAsync(IServiceProvider services, string value, Requester? requester = null, string? passphrase = null) =>
        HandleAsync<ShareSecretCommandHandler, CreatedSecret>(services, h => h.Handle(
            new ShareSecretCommand(requester ?? Requester.Anonymous, value, passphrase, 3600, [], null), CancellationToken.None));

    private static Task<RevealedSecret> RevealAsync(IServiceProvider services, string secretKey, string? passphrase = null) =>
        HandleAsync<RevealSecretCommandHandler, RevealedSecret>(services, h => h.Handle(new RevealSecretCommand(secretKey, passphrase, "address:192.0.2.1"), CancellationToken.None));

    private static Task<IReadOnlyList<MasterKeyUsage>> UsageAsync(IServiceProvider services) =>
        HandleAsync<GetMasterKeyUsageQueryHandler, IReadOnlyList<MasterKeyUsage>>(services, h => h.Handle(new GetMasterKeyUsageQuery(), CancellationToken.None));

    private static Task<ReencryptionResult> ReencryptAsync(IServiceProvider services) =>
        HandleAsync<ReencryptSecretsCommandHandler, ReencryptionResult>(services, h => h.Handle(new ReencryptSecretsCommand(BatchSize: 2), CancellationToken.None));

    private static async Task<Requester> AddAccountAsync(IServiceProvider services, string custId)
    {
        var issued = await HandleAsync<AddCustomerCommandHandler, Application.Customers.IssuedApiToken>(
            services, h => h.Handle(new AddCustomerCommand(custId, "basic"), CancellationToken.None));
        return await HandleAsync<AuthenticateApiClientQueryHandler, Requester?>(
            services, h => h.Handle(new AuthenticateApiClientQuery(issued.CustId, issued.ApiToken), CancellationToken.None))
            ?? throw new InvalidOperationException("The new account must authenticate.");
    }

    private static uint IdOf(string key) => MasterKeyRing.KeyIdOf(key);

    [Test]
    public async Task ShouldRevealDataOfThePreviousKey_WhenANewKeyIsCurrent()
    {
        var underA = Services(KeyA);
        var anonymous = await ShareAsync(underA, "written under A");
        var withPassphrase = await ShareAsync(underA, "A with passphrase", passphrase: "open sesame");

        var rotated = Services(KeyB, KeyA);
        var revealed = await RevealAsync(rotated, anonymous.SecretKey);
        var revealedWithPassphrase = await RevealAsync(rotated, withPassphrase.SecretKey, "open sesame");

        Assert.That(revealed.Value, Is.EqualTo("written under A"));
        Assert.That(revealedWithPassphrase.Value, Is.EqualTo("A with passphrase"));
    }

    [Test]
    public async Task ShouldNotRevealDataOfAKeyThatIsNoLongerConfigured()
    {
        var anonymous = await ShareAsync(Services(KeyA), "written under A");

        var withoutA = Services(KeyB);

        Assert.ThrowsAsync<CryptographicException>(() => RevealAsync(withoutA, anonymous.SecretKey));
    }

    [Test]
    public async Task ShouldCountWhatEachKeyProtects_WhenDataUsesBothKeys()
    {
        var underA = Services(KeyA);
        var alice = await AddAccountAsync(underA, "alice@example.org");
        await ShareAsync(underA, "anonymous under A");
        await ShareAsync(underA, "account under A", alice);
        var revealedUnderA = await ShareAsync(underA, "revealed under A");
        await RevealAsync(underA, revealedUnderA.SecretKey);

        var rotated = Services(KeyB, KeyA);
        var underB = await ShareAsync(rotated, "anonymous under B");

        var usage = await UsageAsync(rotated);

        var a = usage.Single(u => u.KeyId == IdOf(KeyA));
        var b = usage.Single(u => u.KeyId == IdOf(KeyB));
        Assert.Multiple(() =>
        {
            Assert.That(b.Role, Is.EqualTo(MasterKeyRole.Current));
            Assert.That(a.Role, Is.EqualTo(MasterKeyRole.Previous));
            Assert.That(a.PreviousIndex, Is.Zero);
            Assert.That(a.Values, Is.EqualTo(2), "the revealed value is gone");
            Assert.That(a.SecretKeys, Is.EqualTo(2), "a received secret's key is erased with its value (issue 15, item 1); the other two still need theirs");
            Assert.That(a.MetadataKeys, Is.EqualTo(1), "only the account's secret stores its metadata key");
            Assert.That(a.NeededUntil, Is.EqualTo(_clock.GetUtcNow().AddSeconds(2 * 3600)));
            Assert.That(b.Values, Is.EqualTo(1));
            Assert.That(b.SecretKeys, Is.EqualTo(1));
            Assert.That(b.MetadataKeys, Is.Zero);
        });
        Assert.That(underB.SecretKey, Is.Not.Empty);
    }

    [Test]
    public async Task ShouldStopNeedingThePreviousKey_WhenItsDataHasExpired()
    {
        await ShareAsync(Services(KeyA), "short-lived");
        var rotated = Services(KeyB, KeyA);

        _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var usage = await UsageAsync(rotated);

        var a = usage.Single(u => u.KeyId == IdOf(KeyA));
        Assert.That(a.IsNeeded, Is.False);
        Assert.That(a.NeededUntil, Is.Null);
    }

    [Test]
    public async Task ShouldReportAMissingKey_WhenDataUsesAKeyThatIsNotConfigured()
    {
        await ShareAsync(Services(KeyA), "orphaned");

        var usage = await UsageAsync(Services(KeyB));

        var missing = usage.Single(u => u.KeyId == IdOf(KeyA));
        Assert.That(missing.Role, Is.EqualTo(MasterKeyRole.Missing));
        Assert.That(missing.Values, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldMoveAccountSecretsToTheCurrentKey_AndLeaveWhatOnlyItsUsersCanOpen()
    {
        var underA = Services(KeyA);
        var alice = await AddAccountAsync(underA, "alice@example.org");
        var accountSecret = await ShareAsync(underA, "account value", alice);
        var accountWithPassphrase = await ShareAsync(underA, "account passphrase value", alice, "pass phrase");
        var anonymous = await ShareAsync(underA, "anonymous value");

        var rotated = Services(KeyB, KeyA);
        var result = await ReencryptAsync(rotated);
        var again = await ReencryptAsync(rotated);
        var usage = await UsageAsync(rotated);

        Assert.Multiple(() =>
        {
            Assert.That(result.Rows, Is.EqualTo(2));
            Assert.That(result.Values, Is.EqualTo(1));
            Assert.That(result.SecretKeys, Is.EqualTo(2));
            Assert.That(result.MetadataKeys, Is.EqualTo(2));
            Assert.That(result.ValuesWithPassphrase, Is.EqualTo(1));
            Assert.That(result.Unreadable, Is.Zero);
            Assert.That(again.Values + again.SecretKeys + again.MetadataKeys, Is.Zero, "a second run has nothing left to move");
        });
        var a = usage.Single(u => u.KeyId == IdOf(KeyA));
        Assert.Multiple(() =>
        {
            Assert.That(a.Values, Is.EqualTo(2), "the anonymous value and the value behind a passphrase");
            Assert.That(a.SecretKeys, Is.EqualTo(1), "the anonymous secret's key");
            Assert.That(a.MetadataKeys, Is.Zero);
        });

        // Without key A, the moved account secret is whole: value, metadata and the account's list.
        var onlyB = Services(KeyB);
        var metadata = await HandleAsync<ViewMetadataCommandHandler, MetadataDto>(
            onlyB, h => h.Handle(new ViewMetadataCommand(accountSecret.MetadataKey), CancellationToken.None));
        var recent = await HandleAsync<GetRecentMetadataQueryHandler, IReadOnlyList<MetadataDto>>(
            onlyB, h => h.Handle(new GetRecentMetadataQuery(alice), CancellationToken.None));
        var revealed = await RevealAsync(onlyB, accountSecret.SecretKey);
        Assert.That(metadata.SecretKey, Is.EqualTo(accountSecret.SecretKey));
        Assert.That(recent.Select(m => m.MetadataKey), Is.EquivalentTo(new[] { accountSecret.MetadataKey, accountWithPassphrase.MetadataKey }));
        Assert.That(revealed.Value, Is.EqualTo("account value"));

        // With A still configured, what stayed under A opens as before.
        Assert.That((await RevealAsync(rotated, accountWithPassphrase.SecretKey, "pass phrase")).Value, Is.EqualTo("account passphrase value"));
        Assert.That((await RevealAsync(rotated, anonymous.SecretKey)).Value, Is.EqualTo("anonymous value"));
    }

    [Test]
    public async Task ShouldMoveTheCreatorsNote_WithTheMetadataKey_AndCountAnAnonymousOneUnderItsKey()
    {
        var underA = Services(KeyA);
        var alice = await AddAccountAsync(underA, "alice@example.org");
        var noted = await HandleAsync<ShareSecretCommandHandler, CreatedSecret>(underA, h => h.Handle(
            new ShareSecretCommand(alice, "account value", null, 3600, [], null, Note: "for Anna"), CancellationToken.None));
        await HandleAsync<ShareSecretCommandHandler, CreatedSecret>(underA, h => h.Handle(
            new ShareSecretCommand(Requester.Anonymous, "anonymous value", null, 3600, [], null, Note: "anonymous note"), CancellationToken.None));
        var rotated = Services(KeyB, KeyA);
        await RevealAsync(rotated, noted.SecretKey);

        await ReencryptAsync(rotated);

        var a = (await UsageAsync(rotated)).Single(u => u.KeyId == IdOf(KeyA));
        Assert.That(a.MetadataKeys, Is.EqualTo(1), "the anonymous secret's note still needs key A");
        var metadata = await HandleAsync<ViewMetadataCommandHandler, MetadataDto>(
            Services(KeyB), h => h.Handle(new ViewMetadataCommand(noted.MetadataKey), CancellationToken.None));
        Assert.That(metadata.Note, Is.EqualTo("for Anna"), "readable without key A, after the reveal too");
    }

    [Test]
    public async Task ShouldCountAndMoveRequestsAndEveryPendingEmail_SoThatNothingNeedsThePreviousKey()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        foreach (var (name, value) in smtp.Settings())
        {
            _mailSettings[name] = value;
        }

        var underA = Services(KeyA);
        var alice = await AddAccountAsync(underA, "alice@example.org");
        var request = await HandleAsync<CreateSecretRequestCommandHandler, SecretRequestDto>(
            underA, h => h.Handle(new CreateSecretRequestCommand(alice, "the deploy key, please", 3600, null), CancellationToken.None));
        var rotated = Services(KeyB, KeyA);

        var onlyTheRequest = (await UsageAsync(rotated)).Single(u => u.KeyId == IdOf(KeyA));

        // The sender's message rides on an email with an address; the sign-in notice has an address and no link.
        await HandleAsync<ShareSecretCommandHandler, CreatedSecret>(underA, h => h.Handle(
            new ShareSecretCommand(alice, "shared with bob", null, 3600, ["bob@example.net"], null, "https://secrets.example.com", "hello Bob"),
            CancellationToken.None));
        Assert.That(
            await HandleAsync<NotifySignInFailuresCommandHandler, bool>(underA, h => h.Handle(new NotifySignInFailuresCommand("alice@example.org"), CancellationToken.None)),
            Is.True);
        var before = (await UsageAsync(rotated)).Single(u => u.KeyId == IdOf(KeyA));
        var result = await ReencryptAsync(rotated);
        var after = (await UsageAsync(rotated)).Single(u => u.KeyId == IdOf(KeyA));

        Assert.Multiple(() =>
        {
            Assert.That(onlyTheRequest.Requests, Is.EqualTo(1));
            Assert.That(onlyTheRequest.IsNeeded, Is.True, "a request alone keeps the key needed");
            Assert.That(onlyTheRequest.NeededUntil, Is.EqualTo(_clock.GetUtcNow().AddSeconds(2 * 3600)), "until the purge deletes the request");
            Assert.That(before.PendingEmails, Is.EqualTo(2));
            Assert.That(result.Requests, Is.EqualTo(1));
            Assert.That(result.PendingEmails, Is.EqualTo(2));
            Assert.That(after.IsNeeded, Is.False, after.ToString());
        });

        // Without key A, the request reads whole and both emails open (the notice, and the link with its message).
        var onlyB = Services(KeyB);
        var listed = await HandleAsync<ListSecretRequestsQueryHandler, IReadOnlyList<SecretRequestDto>>(
            onlyB, h => h.Handle(new ListSecretRequestsQuery(alice), CancellationToken.None));
        var delivered = await HandleAsync<DeliverNotificationsCommandHandler, DeliveryReport>(
            onlyB, h => h.Handle(new DeliverNotificationsCommand(), CancellationToken.None));
        Assert.That(listed.Single().RequestKey, Is.EqualTo(request.RequestKey));
        Assert.That(listed.Single().Note, Is.EqualTo("the deploy key, please"));
        Assert.That(delivered.Sent, Is.EqualTo(2), "no email was given up as unreadable");
        Assert.That(smtp.Messages().Select(m => m.TextBody), Has.One.Contains("hello Bob"));
    }

    [Test]
    public async Task ShouldLeaveARevealedSecretGone_WhenReencryptingAfterTheReveal()
    {
        var underA = Services(KeyA);
        var alice = await AddAccountAsync(underA, "alice@example.org");
        var secret = await ShareAsync(underA, "read before the re-encryption", alice);
        var rotated = Services(KeyB, KeyA);
        await RevealAsync(rotated, secret.SecretKey);

        var result = await ReencryptAsync(rotated);

        Assert.That(result.Values, Is.Zero);
        Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(rotated, secret.SecretKey));
    }
}
