using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Secrets;

/// <summary>
/// The limit of wrong passphrases per secret holds under concurrency: an attempt is reserved in the database before
/// bcrypt runs, so no more than the limit are ever verified (issue 15, item 8).
/// </summary>
public abstract class PassphraseAttemptLimitTestBase(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private const int Limit = 10;

    private readonly CountingPassphraseHasher _hasher = new();

    protected override IDictionary<string, string?> ExtraSettings() =>
        new Dictionary<string, string?> { ["Secrets:MaxPassphraseAttempts"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            _hasher.Inner = new BCryptPassphraseHasher(provider.GetRequiredService<IOptions<EncryptionOptions>>());
            return _hasher;
        });
        services.AddSingleton<IPassphraseHasher>(provider => provider.GetRequiredService<CountingPassphraseHasher>());
    }

    private async Task<RevealedSecret> RevealAsync(string secretKey, string passphrase)
    {
        await using var scope = Services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<RevealSecretCommandHandler>(scope.ServiceProvider);
        return await handler.Handle(new RevealSecretCommand(secretKey, passphrase, TestClient), CancellationToken.None);
    }

    [Test]
    public async Task ShouldVerifyAtMostTheLimitAndDestroyTheSecret_WhenTwelveWrongGuessesArriveAtOnce()
    {
        var created = await ShareAsync("guarded", passphrase: "the right one");
        _hasher.Reset();

        var guesses = Enumerable.Range(1, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                await RevealAsync(created.SecretKey, $"wrong guess {i}");
                return "revealed";
            }
            catch (SecretNotFoundException)
            {
                return "refused";
            }
        }));
        var outcomes = await Task.WhenAll(guesses);
        var verified = _hasher.Verifications;

        var right = Assert.CatchAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey, "the right one"));

        Secret stored;
        await using (var scope = Services.CreateAsyncScope())
        {
            var keyHash = scope.ServiceProvider.GetRequiredService<IKeyHasher>().Hash(created.SecretKey);
            stored = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Secrets.AsNoTracking().SingleAsync(s => s.SecretKeyHash == keyHash);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes, Is.All.EqualTo("refused"));
            Assert.That(verified, Is.LessThanOrEqualTo(Limit), "bcrypt verifications of the twelve wrong guesses");
            Assert.That(verified, Is.GreaterThan(0), "the guesses must have reached the passphrase check");
            Assert.That(right, Is.Not.Null, "the right passphrase after the limit must fail");
            Assert.That(_hasher.Verifications, Is.EqualTo(verified), "the right passphrase after the limit is not even checked");
            Assert.That(stored.State, Is.EqualTo(SecretState.Burned));
            Assert.That(stored.DestroyedByFailedPassphrases, Is.True);
            Assert.That(stored.Ciphertext, Is.Null);
            Assert.That(stored.FailedPassphraseAttempts, Is.LessThanOrEqualTo(Limit));
        }
    }

    [Test]
    public async Task ShouldRevealTheValue_WhenTheRightPassphraseUsesTheLastAttempt()
    {
        var created = await ShareAsync("guarded", passphrase: "the right one");
        for (var i = 1; i < Limit; i++)
        {
            Assert.ThrowsAsync<SecretNotFoundException>(() => RevealAsync(created.SecretKey, $"wrong {i}"));
        }

        var revealed = await RevealAsync(created.SecretKey, "the right one");

        Assert.That(revealed.Value, Is.EqualTo("guarded"));
    }

    /// <summary>Counts bcrypt verifications, which is what the limit is meant to bound.</summary>
    private sealed class CountingPassphraseHasher : IPassphraseHasher
    {
        private int _verifications;

        public BCryptPassphraseHasher Inner { get; set; } = null!;

        public int Verifications => Volatile.Read(ref _verifications);

        public void Reset() => Interlocked.Exchange(ref _verifications, 0);

        public string Hash(string passphrase) => Inner.Hash(passphrase);

        public bool Verify(string passphrase, string hash)
        {
            Interlocked.Increment(ref _verifications);
            return Inner.Verify(passphrase, hash);
        }
    }
}

public sealed class PostgresPassphraseAttemptLimitTests() : PassphraseAttemptLimitTestBase(DatabaseProvider.Postgres);

public sealed class SqlitePassphraseAttemptLimitTests() : PassphraseAttemptLimitTestBase(DatabaseProvider.Sqlite);
