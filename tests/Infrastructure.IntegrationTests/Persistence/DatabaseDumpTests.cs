using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Queries.AuthenticateApiClient;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A full dump of the database must reveal no value, passphrase, key, token or recipient address (the outbox holds
/// the address and the link only encrypted): the whole database file (SQLite) or
/// the output of pg_dump (PostgreSQL) is searched for each of them, as text and as hex.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class DatabaseDumpTests(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    [Test]
    public async Task ShouldRevealNoValueKeyPassphraseOrToken_WhenTheWholeDatabaseIsDumped()
    {
        var account = await HandleAsync<AddCustomerCommandHandler, IssuedApiToken>(h =>
            h.Handle(new AddCustomerCommand("dump-check@example.org", "basic"), CancellationToken.None));
        var owner = await HandleAsync<AuthenticateApiClientQueryHandler, Requester?>(h =>
            h.Handle(new AuthenticateApiClientQuery(account.CustId, account.ApiToken), CancellationToken.None));
        var plain = await ShareAsync("PlainValue-6c1f0e-unmistakable", recipients: ["dump-recipient-5e1a@example.org"]);
        var guarded = await ShareAsync("GuardedValue-8d2a7b-unmistakable", passphrase: "Passphrase-41b9e3-unmistakable");
        var owned = await ShareAsync("OwnedValue-0f3c5d-unmistakable", requester: owner);

        var dump = await DumpAsync();

        string[] forbidden =
        [
            "PlainValue-6c1f0e", "GuardedValue-8d2a7b", "OwnedValue-0f3c5d", "Passphrase-41b9e3", "dump-recipient-5e1a",
            plain.SecretKey, plain.MetadataKey, guarded.SecretKey, guarded.MetadataKey, owned.SecretKey, owned.MetadataKey,
            account.ApiToken,
        ];
        Assert.That(dump, Does.Contain("dump-check@example.org"), "the dump must hold the data at all");
        foreach (var text in forbidden)
        {
            Assert.That(dump, Does.Not.Contain(text), $"the dump holds '{text}' in clear");
            Assert.That(dump, Does.Not.Contain(Convert.ToHexString(Encoding.UTF8.GetBytes(text)).ToLowerInvariant()), $"the dump holds '{text}' as hex");
        }
    }

    private async Task<string> DumpAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(Database.ConnectionString);
            await using (var connection = new SqliteConnection(Database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }

            var bytes = await File.ReadAllBytesAsync(builder.DataSource);
            var hex = Convert.ToHexString(bytes).ToLowerInvariant();
            return Encoding.Latin1.GetString(bytes) + hex;
        }

        var postgres = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var start = new ProcessStartInfo("pg_dump")
        {
            ArgumentList = { "--host", postgres.Host!, "--port", postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", postgres.Username!, "--dbname", postgres.Database!, "--inserts" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = postgres.Password },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, errors);
        return output;
    }
}
