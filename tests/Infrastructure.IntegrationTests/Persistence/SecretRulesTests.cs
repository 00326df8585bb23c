using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The life-cycle rules in all their forms give the same answers on every combination of state, stored value, expiry
/// and passphrase: <see cref="Secret.RevealableAt"/> in SQL and <see cref="Secret.IsRevealableAt"/> in memory, the
/// purge's <see cref="Secret.DueForExpiryAt"/> and its twin, the single-statement claim and the general claim, and
/// the tracked <see cref="Secret.EraseInto"/> and the set-based <see cref="SecretErasure.EraseIntoAsync"/>.
/// </summary>
public abstract class SecretRulesTestBase(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    private static readonly SecretState[] States = Enum.GetValues<SecretState>();

    /// <summary>One row per combination, each with its own key; returns the rows' secret keys by combination.</summary>
    private async Task<List<(string SecretKey, string Case)>> StoreEveryCombinationAsync()
    {
        var rows = new List<(string, string)>();
        var now = Clock.GetUtcNow();
        foreach (var state in States)
        {
            foreach (var hasValue in new[] { true, false })
            {
                foreach (var expiresIn in new[] { -60, 0, 60 })
                {
                    foreach (var passphrase in new[] { null, "open sesame" })
                    {
                        var created = await ShareAsync("v", passphrase: passphrase, ttl: 3_600);
                        var keyHash = Hash(created.SecretKey);
                        await using var scope = Services.CreateAsyncScope();
                        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
                        var expiresAt = now.AddSeconds(expiresIn);
                        await db.Secrets.Where(s => s.SecretKeyHash == keyHash).ExecuteUpdateAsync(set =>
                        {
                            set.SetProperty(s => s.State, state).SetProperty(s => s.SecretExpiresAt, expiresAt);
                            if (!hasValue)
                            {
                                set.SetProperty(s => s.Ciphertext, (byte[]?)null);
                            }
                        });
                        rows.Add((created.SecretKey, $"{state}, value {(hasValue ? "stored" : "erased")}, expires in {expiresIn} s, passphrase {passphrase is not null}"));
                    }
                }
            }
        }

        return rows;
    }

    private byte[] Hash(string secretKey) => Services.GetRequiredService<IKeyHasher>().Hash(secretKey);

    private async Task<Secret> StoredAsync(string secretKey)
    {
        var keyHash = Hash(secretKey);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Secrets.AsNoTracking().SingleAsync(s => s.SecretKeyHash == keyHash);
    }

    [Test]
    public async Task ShouldSelectExactlyTheRowsTheEntitySays_WhenTheRulesRunInSql()
    {
        var rows = await StoreEveryCombinationAsync();
        var now = Clock.GetUtcNow();
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var stored = await db.Secrets.AsNoTracking().ToListAsync();
        var revealableInSql = await db.Secrets.Where(Secret.RevealableAt(now)).Select(s => s.Id).ToListAsync();
        var dueInSql = await db.Secrets.Where(Secret.DueForExpiryAt(now)).Select(s => s.Id).ToListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored, Has.Count.EqualTo(rows.Count));
            Assert.That(revealableInSql, Is.EquivalentTo(stored.Where(s => s.IsRevealableAt(now)).Select(s => s.Id)));
            Assert.That(dueInSql, Is.EquivalentTo(stored.Where(s => s.IsDueForExpiryAt(now)).Select(s => s.Id)));

            // Guards the grid: a rule that says yes (or no) to everything would pass the comparisons above.
            Assert.That(revealableInSql, Has.Count.EqualTo(2 * 2), "new and viewed, value stored, not expired, with and without passphrase");
            Assert.That(dueInSql, Has.Count.EqualTo(2 * 2 * 2 * 2), "new and viewed, value stored or not, expiring now or before, with and without passphrase");
        }
    }

    [Test]
    public async Task ShouldClaimTheSameSecretsTheSameWay_WhenUsingEitherClaim()
    {
        var rows = await StoreEveryCombinationAsync();
        var now = Clock.GetUtcNow();

        foreach (var (secretKey, description) in rows)
        {
            var before = await StoredAsync(secretKey);
            var expected = before.IsRevealableAt(now) && before.PassphraseHash is null;
            var expectedRow = await StoredAsync(secretKey);
            if (expected)
            {
                expectedRow.EraseInto(SecretState.Received, now);
            }

            await using var scope = Services.CreateAsyncScope();
            var claims = scope.ServiceProvider.GetRequiredService<ISecretClaims>();
            var claimed = await claims.TryClaimUnprotectedAsync(Hash(secretKey), now, CancellationToken.None);
            var again = await claims.TryClaimUnprotectedAsync(Hash(secretKey), now, CancellationToken.None);

            var after = await StoredAsync(secretKey);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(claimed is not null, Is.EqualTo(expected), description);
                Assert.That(claimed?.Ciphertext, Is.EqualTo(expected ? before.Ciphertext : null), description);
                Assert.That(again, Is.Null, description);
                Assert.That(after, Is.EqualTo(expectedRow).Using<Secret>(SameRow), description);
            }
        }

        // The general claim, on a fresh grid: it ignores the passphrase (the caller checked it).
        await EmptyTablesAsync();
        rows = await StoreEveryCombinationAsync();
        now = Clock.GetUtcNow();
        foreach (var (secretKey, description) in rows)
        {
            var before = await StoredAsync(secretKey);
            var expectedRow = await StoredAsync(secretKey);
            if (before.IsRevealableAt(now))
            {
                expectedRow.EraseInto(SecretState.Received, now);
            }

            await using var scope = Services.CreateAsyncScope();
            var claims = scope.ServiceProvider.GetRequiredService<ISecretClaims>();
            var claimed = await claims.TryClaimAsync(before.Id, now, CancellationToken.None);
            var again = await claims.TryClaimAsync(before.Id, now, CancellationToken.None);

            var after = await StoredAsync(secretKey);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(claimed, Is.EqualTo(before.IsRevealableAt(now)), description);
                Assert.That(again, Is.False, description);
                Assert.That(after, Is.EqualTo(expectedRow).Using<Secret>(SameRow), description);
            }
        }
    }

    [TestCase(SecretState.Received, false)]
    [TestCase(SecretState.Burned, false)]
    [TestCase(SecretState.Burned, true)]
    [TestCase(SecretState.Expired, false)]
    public async Task ShouldLeaveTheSameRow_WhenErasingTrackedOrSetBased(SecretState state, bool byFailedPassphrases)
    {
        var tracked = await ShareAsync("erased tracked", passphrase: "p");
        var setBased = await ShareAsync("erased set-based", passphrase: "p");
        Clock.Advance(TimeSpan.FromMinutes(5));
        var now = Clock.GetUtcNow();

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var trackedHash = Hash(tracked.SecretKey);
            var entity = await db.Secrets.SingleAsync(s => s.SecretKeyHash == trackedHash);
            entity.EraseInto(state, now, byFailedPassphrases);
            await db.SaveChangesAsync();

            var setBasedHash = Hash(setBased.SecretKey);
            var changed = await db.Secrets.Where(s => s.SecretKeyHash == setBasedHash).EraseIntoAsync(state, now, CancellationToken.None, byFailedPassphrases);
            Assert.That(changed, Is.EqualTo(1));
        }

        var fromTracked = await StoredAsync(tracked.SecretKey);
        var fromSetBased = await StoredAsync(setBased.SecretKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromSetBased, Is.EqualTo(fromTracked).Using<Secret>(SameRow));
            Assert.That(fromSetBased.Ciphertext, Is.Null);
            Assert.That(fromSetBased.PassphraseHash, Is.Null);
            Assert.That(fromSetBased.State, Is.EqualTo(state));
        }
    }

    /// <summary>Everything the life cycle may change; keys and hashes differ between rows by design.</summary>
    private static bool SameRow(Secret a, Secret b) =>
        a.Ciphertext is null == b.Ciphertext is null
        && (a.Ciphertext is null || a.Ciphertext.AsSpan().SequenceEqual(b.Ciphertext))
        && a.PassphraseHash == b.PassphraseHash
        && a.EncryptedSecretKey.Length == 0 == (b.EncryptedSecretKey.Length == 0)
        && a.State == b.State
        && a.UpdatedAt == b.UpdatedAt
        && a.ReceivedAt == b.ReceivedAt
        && a.BurnedAt == b.BurnedAt
        && a.DestroyedByFailedPassphrases == b.DestroyedByFailedPassphrases
        && a.FailedPassphraseAttempts == b.FailedPassphraseAttempts
        && a.SecretExpiresAt == b.SecretExpiresAt;
}

public sealed class PostgresSecretRulesTests() : SecretRulesTestBase(DatabaseProvider.Postgres);

public sealed class SqliteSecretRulesTests() : SecretRulesTestBase(DatabaseProvider.Sqlite);
