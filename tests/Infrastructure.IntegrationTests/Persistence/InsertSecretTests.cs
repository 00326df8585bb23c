using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// <see cref="IApplicationDbContext.InsertSecretAsync"/> writes the same row whichever way the provider takes: the change
/// tracker (SQLite) or the direct INSERT built from the model (PostgreSQL, docs/decisions/0008).
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class InsertSecretTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task ShouldStoreEveryProperty_WhenASecretIsInserted()
    {
        var now = Clock.GetUtcNow();
        var secret = Secret.Create(
            secretKeyHash: [.. Enumerable.Range(1, 32).Select(i => (byte)i)],
            metadataKeyHash: [.. Enumerable.Range(101, 32).Select(i => (byte)i)],
            encryptedSecretKey: [1, 2, 3],
            encryptedMetadataKey: [4, 5],
            ciphertext: [6, 7, 8, 9],
            passphraseHash: "$2a$10$notarealhashbutlongenoughtolooklikeone",
            customerId: Guid.NewGuid(),
            ttlSeconds: 3600,
            obfuscatedRecipients: ["fr*****@e*****.org", "jo*****@e*****.com"],
            shareDomain: "share.example.net",
            now: now);

        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().InsertSecretAsync(secret, CancellationToken.None);
        }

        await using var readScope = Services.CreateAsyncScope();
        var stored = await readScope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Secrets.AsNoTracking().SingleAsync(s => s.Id == secret.Id);
        foreach (var property in typeof(Secret).GetProperties().Where(p => p.CanWrite || p.GetSetMethod(nonPublic: true) is not null))
        {
            Assert.That(property.GetValue(stored), Is.EqualTo(property.GetValue(secret)), property.Name);
        }
    }

    [Test]
    public async Task ShouldNameEveryMappedColumn_InTheDirectInsert()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        var insert = DirectInsert.TryCreate<Secret>(db.Model, db.GetService<ISqlGenerationHelper>());

        Assert.That(insert, Is.Not.Null, "Secret is no longer plain enough for a direct insert: SaveChanges will be used");
        var entityType = db.Model.FindEntityType(typeof(Secret))!;
        foreach (var property in entityType.GetProperties())
        {
            Assert.That(insert!.Sql, Does.Contain($"\"{property.GetColumnName()}\""), property.Name);
        }

        Assert.That(insert!.Sql, Does.Contain($"${entityType.GetProperties().Count()})"));
    }
}
