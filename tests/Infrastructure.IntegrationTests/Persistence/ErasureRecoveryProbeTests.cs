using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;
using OneTimeSecret.Application.Secrets.Commands.BurnSecret;
using OneTimeSecret.Application.Secrets.Commands.PurgeExpired;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The offline recovery probe of issue 15, item 1: an account shares a secret, it is revealed (or burned), the purge
/// runs, and then only the database's files are read, byte by byte, for the old ciphertext and the encrypted secret key
/// that would lead to it. With the master key and the metadata key, either one found would give the value back.
/// </summary>
public sealed class SqliteErasureRecoveryProbeTests() : DatabaseTestBase(DatabaseProvider.Sqlite)
{
    [Test]
    public async Task ShouldLeaveNeitherCiphertextNorSecretKeyInTheFiles_WhenAnAccountsSecretWasRevealed()
    {
        var created = await ShareAsync(new string('r', 300), requester: await AccountAsync());
        var before = await StoredAsync(created.MetadataKey);

        await HandleAsync<RevealSecretCommandHandler, RevealedSecret>(h => h.Handle(new RevealSecretCommand(created.SecretKey, null, TestClient), CancellationToken.None));
        await HandleAsync<PurgeExpiredCommandHandler, PurgeReport>(h => h.Handle(new PurgeExpiredCommand(), CancellationToken.None));

        var files = DatabaseFiles();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(files.Any(f => Contains(f.Bytes, before.MetadataKeyHash)), Is.True, "the probe must read the row at all");
            Assert.That(files.Where(f => Contains(f.Bytes, before.Ciphertext!)).Select(f => f.Name), Is.Empty, "files holding the old ciphertext");
            Assert.That(files.Where(f => Contains(f.Bytes, before.EncryptedSecretKey)).Select(f => f.Name), Is.Empty, "files holding the encrypted secret key");
        }
    }

    [Test]
    public async Task ShouldLeaveNoCiphertextInTheFiles_WhenAnAccountsSecretWasBurned()
    {
        var created = await ShareAsync(new string('b', 300), requester: await AccountAsync());
        var before = await StoredAsync(created.MetadataKey);

        await HandleAsync<BurnSecretCommandHandler, BurnedSecret>(h => h.Handle(new BurnSecretCommand(created.MetadataKey, null, TestClient), CancellationToken.None));
        await HandleAsync<PurgeExpiredCommandHandler, PurgeReport>(h => h.Handle(new PurgeExpiredCommand(), CancellationToken.None));

        var files = DatabaseFiles();
        Assert.That(files.Where(f => Contains(f.Bytes, before.Ciphertext!)).Select(f => f.Name), Is.Empty, "files holding the old ciphertext");
    }

    private async Task<Requester> AccountAsync()
    {
        var account = await HandleAsync<AddCustomerCommandHandler, IssuedApiToken>(h =>
            h.Handle(new AddCustomerCommand($"probe-{Guid.NewGuid():N}@example.org", "basic"), CancellationToken.None));
        return (await HandleAsync<AuthenticateApiClientQueryHandler, Requester?>(h =>
            h.Handle(new AuthenticateApiClientQuery(account.CustId, account.ApiToken), CancellationToken.None)))!;
    }

    private async Task<Domain.Secrets.Secret> StoredAsync(string metadataKey)
    {
        await using var scope = Services.CreateAsyncScope();
        var hash = scope.ServiceProvider.GetRequiredService<IKeyHasher>().Hash(metadataKey);
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Secrets.AsNoTracking().SingleAsync(s => s.MetadataKeyHash == hash);
    }

    /// <summary>The database file and its -wal and -shm, as a copy taken while the app runs would have them.</summary>
    private List<(string Name, byte[] Bytes)> DatabaseFiles()
    {
        var path = new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource;
        var files = new List<(string, byte[])>();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                files.Add((Path.GetFileName(file), copy.ToArray()));
            }
        }

        return files;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => needle.Length > 0 && haystack.AsSpan().IndexOf(needle) >= 0;
}
