using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Application.UnitTests.TestSupport;

/// <summary>
/// Handlers built by hand over a fresh SQLite database, a fake clock and the real crypto. Each handler gets its own
/// database context, as each request would.
/// </summary>
public abstract class HandlerTestBase
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected static readonly IOptions<EncryptionOptions> Encryption = Options.Create(new EncryptionOptions
    {
        MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(EncryptionOptions.MasterKeyBytes)),
        BcryptWorkFactor = 10,
    });

    protected static readonly ISecretCipher Cipher =
        new AesGcmSecretCipher(new MasterKeyRing(Encryption, NullLogger<MasterKeyRing>.Instance));

    protected static readonly IKeyHasher KeyHasher = new Sha256KeyHasher();

    protected static readonly IKeyGenerator KeyGenerator = new RandomKeyGenerator();

    protected static readonly IPassphraseHasher PassphraseHasher = new BCryptPassphraseHasher(Encryption);

    private SqliteTestDatabase? _database;

    protected SqliteTestDatabase Database => _database ?? throw new InvalidOperationException("No database outside a test.");

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected static IOptions<AccountOptions> DefaultAccountOptions { get; } = Options.Create(new AccountOptions());

    protected PlanOptions Plans { get; private set; } = null!;

    protected SecretOptions SecretSettings { get; private set; } = null!;

    [SetUp]
    public void CreateDatabase()
    {
        _database = new SqliteTestDatabase();
        Clock = new FakeTimeProvider(Start);
        Plans = new PlanOptions();
        SecretSettings = new SecretOptions();
        AttemptLimiter = new Mock<IPassphraseAttemptLimiter>();
        var noWait = TimeSpan.Zero;
        AttemptLimiter.Setup(l => l.TryAcquire(It.IsAny<string>(), out noWait)).Returns(true);
    }

    [TearDown]
    public void DropDatabase()
    {
        _database?.Dispose();
        _database = null;
    }

    protected SecretCreator NewSecretCreator(IPassphraseHasher? passphraseHasher = null)
    {
        var db = Database.NewContext();
        return new(
            db,
            Cipher,
            KeyHasher,
            KeyGenerator,
            passphraseHasher ?? PassphraseHasher,
            Clock,
            Options.Create(Plans),
            Options.Create(SecretSettings),
            new Mock<IEmailSender>().Object,
            new OneTimeSecret.Application.Notifications.Common.EmailQuota(db, Clock, Options.Create(new EmailQuotaOptions())));
    }

    protected async Task<CreatedSecret> ShareAsync(
        string value = "my secret value",
        Requester? requester = null,
        string? passphrase = null,
        long? ttlSeconds = null,
        IReadOnlyList<string>? recipients = null,
        string? shareDomain = null)
    {
        var handler = new ShareSecretCommandHandler(NewSecretCreator());
        var command = new ShareSecretCommand(
            requester ?? Requester.Anonymous, value, passphrase, ttlSeconds, recipients ?? [], shareDomain, ShareUrlBase: "https://ots.test");
        return await handler.Handle(command, CancellationToken.None);
    }

    /// <summary>The client every test reveal comes from, unless a test names another.</summary>
    protected const string TestClient = "address:192.0.2.1";

    /// <summary>The budget of passphrase checks; unlimited unless a test sets it up otherwise.</summary>
    protected Mock<IPassphraseAttemptLimiter> AttemptLimiter { get; private set; } = null!;

    protected RevealSecretCommandHandler NewRevealHandler(IPassphraseHasher? passphraseHasher = null) =>
        NewRevealHandler(Database.NewContext(), passphraseHasher);

    protected RevealSecretCommandHandler NewRevealHandler(ApplicationDbContext db, IPassphraseHasher? passphraseHasher = null) =>
        new(db, new SecretClaims(db, Options.Create(SecretSettings)), Cipher, KeyHasher, passphraseHasher ?? PassphraseHasher, AttemptLimiter.Object, Clock);

    protected async Task<RevealedSecret> RevealAsync(string secretKey, string? passphrase = null) =>
        await NewRevealHandler().Handle(new RevealSecretCommand(secretKey, passphrase, TestClient), CancellationToken.None);

    protected async Task<MetadataDto> ViewAsync(string metadataKey) =>
        await new ViewMetadataCommandHandler(Database.NewContext(), Cipher, KeyHasher, Clock)
            .Handle(new ViewMetadataCommand(metadataKey), CancellationToken.None);

    protected async Task<BurnedSecret> BurnAsync(string metadataKey, string? passphrase = null) =>
        await NewBurnHandler(Database.NewContext())
            .Handle(new BurnSecretCommand(metadataKey, passphrase, TestClient), CancellationToken.None);

    protected BurnSecretCommandHandler NewBurnHandler(ApplicationDbContext db) =>
        new(db, Cipher, KeyHasher, PassphraseHasher, AttemptLimiter.Object, new SecretClaims(db, Options.Create(SecretSettings)), Clock);

    protected AddCustomerCommandHandler NewAddCustomerHandler(IPassphraseHasher? passwordHasher = null) =>
        new(Database.NewContext(), KeyGenerator, KeyHasher, passwordHasher ?? PassphraseHasher, Clock);

    protected async Task<Requester?> AuthenticateAsync(string custId, string apiToken) =>
        await new AuthenticateApiClientQueryHandler(Database.NewContext(), KeyHasher)
            .Handle(new AuthenticateApiClientQuery(custId, apiToken), CancellationToken.None);

    /// <summary>Adds an account and signs it in with its first token, as an API client would.</summary>
    protected async Task<Requester> AddCustomerAsync(string custId = "fred@example.org", string planId = PlanIds.Basic)
    {
        var issued = await NewAddCustomerHandler().Handle(new AddCustomerCommand(custId, planId), CancellationToken.None);
        return await AuthenticateAsync(issued.CustId, issued.ApiToken)
            ?? throw new InvalidOperationException("A new customer's first token must authenticate.");
    }

    /// <summary>The stored row behind a metadata key, read fresh from the database.</summary>
    protected async Task<Secret> LoadSecretAsync(string metadataKey)
    {
        var hash = KeyHasher.Hash(metadataKey);
        return await Database.NewContext().Secrets.AsNoTracking().SingleAsync(s => s.MetadataKeyHash == hash);
    }

    protected async Task<Customer> LoadCustomerAsync(string custId) =>
        await Database.NewContext().Customers.AsNoTracking().Include(c => c.ApiTokens).SingleAsync(c => c.CustId == custId);
}
