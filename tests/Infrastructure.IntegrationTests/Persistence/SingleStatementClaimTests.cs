using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>Calls <see cref="IApplicationDbContext.TryClaimUnprotectedSecretAsync"/> directly and reads the row back.</summary>
public abstract class SingleStatementClaimTestBase(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    protected byte[] Hash(string secretKey) => Services.GetRequiredService<IKeyHasher>().Hash(secretKey);

    protected async Task<ClaimedSecret?> ClaimAsync(string secretKey)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        return await db.TryClaimUnprotectedSecretAsync(Hash(secretKey), Clock.GetUtcNow(), CancellationToken.None);
    }

    protected async Task<Secret> StoredAsync(string secretKey)
    {
        var keyHash = Hash(secretKey);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Secrets.AsNoTracking().SingleAsync(s => s.SecretKeyHash == keyHash);
    }
}

/// <summary>
/// The reveal's fast path (docs/decisions/0008): on PostgreSQL a secret without passphrase is claimed, erased and read
/// back in one statement; a secret it must not take is left exactly as it was.
/// </summary>
public sealed class PostgresSingleStatementClaimTests() : SingleStatementClaimTestBase(DatabaseProvider.Postgres)
{
    [Test]
    public async Task ShouldEraseTheSecretAndReturnItsCiphertextOnce_WhenItHasNoPassphrase()
    {
        var created = await ShareAsync("claimed in one statement");
        var before = await StoredAsync(created.SecretKey);
        Clock.Advance(TimeSpan.FromMinutes(3));

        var first = await ClaimAsync(created.SecretKey);
        var second = await ClaimAsync(created.SecretKey);

        var after = await StoredAsync(created.SecretKey);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(first!.Ciphertext, Is.EqualTo(before.Ciphertext));
            Assert.That(second, Is.Null);
            Assert.That(after.Ciphertext, Is.Null);
            Assert.That(after.State, Is.EqualTo(SecretState.Received));
            Assert.That(after.ReceivedAt, Is.EqualTo(TestStart.AddMinutes(3)));
            Assert.That(after.UpdatedAt, Is.EqualTo(TestStart.AddMinutes(3)));
        });
    }

    [Test]
    public async Task ShouldClaimTheSecret_WhenTheCreatorHasViewedTheMetadata()
    {
        var created = await ShareAsync("viewed first");
        await HandleAsync<ViewMetadataCommandHandler, MetadataDto>(h => h.Handle(new ViewMetadataCommand(created.MetadataKey), CancellationToken.None));

        var claimed = await ClaimAsync(created.SecretKey);

        Assert.That(claimed, Is.Not.Null);
        Assert.That((await StoredAsync(created.SecretKey)).State, Is.EqualTo(SecretState.Received));
    }

    [Test]
    public async Task ShouldLeaveTheSecretUntouched_WhenItHasAPassphrase()
    {
        var created = await ShareAsync("guarded", passphrase: "open sesame");

        var claimed = await ClaimAsync(created.SecretKey);

        var stored = await StoredAsync(created.SecretKey);
        Assert.Multiple(() =>
        {
            Assert.That(claimed, Is.Null);
            Assert.That(stored.Ciphertext, Is.Not.Null);
            Assert.That(stored.State, Is.EqualTo(SecretState.New));
        });
    }

    [Test]
    public async Task ShouldLeaveTheSecretUntouched_WhenItHasExpired()
    {
        var created = await ShareAsync("expired", ttl: 60);
        Clock.Advance(TimeSpan.FromSeconds(60));

        var claimed = await ClaimAsync(created.SecretKey);

        var stored = await StoredAsync(created.SecretKey);
        Assert.Multiple(() =>
        {
            Assert.That(claimed, Is.Null);
            Assert.That(stored.Ciphertext, Is.Not.Null, "erasing expired secrets is the purge's work, not the reveal's");
            Assert.That(stored.State, Is.EqualTo(SecretState.New));
        });
    }
}

/// <summary>SQLite has no single-statement claim: every reveal takes the general path (select, then claim).</summary>
public sealed class SqliteSingleStatementClaimTests() : SingleStatementClaimTestBase(DatabaseProvider.Sqlite)
{
    [Test]
    public async Task ShouldClaimNothing_BecauseTheGeneralPathDoesTheWork()
    {
        var created = await ShareAsync("general path");

        var claimed = await ClaimAsync(created.SecretKey);

        Assert.That(claimed, Is.Null);
        Assert.That((await StoredAsync(created.SecretKey)).Ciphertext, Is.Not.Null);
    }
}
