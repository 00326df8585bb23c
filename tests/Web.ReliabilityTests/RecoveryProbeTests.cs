using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// The offline recovery probe of issue 15, item 1, on PostgreSQL: an account shares a secret, it is revealed, the
/// app's purge runs (it vacuums the secrets table); then, with only the table's files (after a checkpoint), a
/// <c>pg_dump</c> of its data and the master key, the recovery chain is tried: the encrypted metadata key opens with
/// the master key, and then nothing in the dump or the live row leads to the secret key or to the old ciphertext.
/// By default the purge rewrites the table (<c>Purge:RewriteSecretsTable</c>), and the table's files hold no piece of
/// the erased row version either; a plain vacuum (the setting off) frees that space without overwriting it, so the
/// files still hold pieces of it (measured and reported, not hidden).
/// </summary>
[NonParallelizable]
public sealed class RecoveryProbeTests : ReliabilityTest
{
    // Any 16 bytes of what was erased, found again, would be a lead (AES-GCM is a stream cipher: a piece of
    // ciphertext and its key give a piece of the value).
    private const int Window = 16;

    private PostgresCluster _postgres = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _postgres = await PrivatePostgres.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ShouldRecoverNothingFromADumpAndTheMasterKey_AndFromTheTableFilesWhenRewritten_AfterARevealAndThePurge(bool byDefault)
    {
        ReliabilityReport.Begin(
            "Recovery probe",
            $"PostgreSQL: an account's secret revealed, the purge run ({(byDefault ? "VACUUM FULL, the default" : "plain VACUUM, Purge:RewriteSecretsTable=false")}); then only the secrets table's files, a pg_dump of its data and the master key");
        var settings = new Dictionary<string, string>
        {
            ["Purge__Enabled"] = "true",
            ["Purge__IntervalSeconds"] = "1",
        };
        if (!byDefault)
        {
            settings["Purge__RewriteSecretsTable"] = "false";
        }

        await using var app = new AppInstance(_postgres.AppConnectionString(), settings);
        await app.StartAsync();
        await ExecuteAsync("DELETE FROM secrets"); // the other case's row
        using var pages = new PageVisitor(app.BaseAddress);
        var custId = $"probe-{Guid.NewGuid():N}"[..20] + "@example.org";
        var token = await pages.SignUpWithTokenAsync(custId);
        SensitiveValues.Add(custId);
        SensitiveValues.Add(token);
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{custId}:{token}")));

        var value = "recovery probe " + new string('v', 300);
        var (status, shared) = await Api.ShareAsync(api, value);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var metadataKey = shared!["metadata_key"]!.GetValue<string>();
        var stored = await RowAsync();
        var compactionsBefore = await CompactionMarkAsync();

        var (revealStatus, revealed) = await Api.RevealAsync(api, shared["secret_key"]!.GetValue<string>());
        Assert.That(revealStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(revealed!["value"]!.GetValue<string>(), Is.EqualTo(value));
        var waited = Stopwatch.StartNew();
        while (await CompactionMarkAsync() == compactionsBefore && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        Assert.That(await CompactionMarkAsync(), Is.Not.EqualTo(compactionsBefore), "the purge vacuumed (or rewrote) the secrets table");

        // The attacker's copy: the table's files as a file-level backup of the data folder would have them, and a dump.
        await ExecuteAsync("CHECKPOINT");
        var files = await TableFilesAsync();
        var dump = await DumpAsync();
        var after = await RowAsync();

        // The chain's first link holds: with the master key, the metadata key comes back from the row.
        var cipher = new AesGcmSecretCipher(new MasterKeyRing(
            Options.Create(new EncryptionOptions { MasterKey = TestDatabase.MasterKey }), NullLogger<MasterKeyRing>.Instance));
        var recoveredMetadataKey = cipher.DecryptMetadataKey(after.EncryptedMetadataKey!, after.CustomerId!.Value);

        var leadsInFiles = Windows(stored.EncryptedSecretKey).Concat(Windows(stored.Ciphertext!)).Count(w => files.Any(f => f.AsSpan().IndexOf(w) >= 0));
        var leadsInDump = Windows(stored.EncryptedSecretKey).Concat(Windows(stored.Ciphertext!)).Count(w => dump.Contains(Convert.ToHexStringLower(w), StringComparison.Ordinal));
        ReliabilityReport.Fact($"{files.Sum(f => f.Length)} bytes of table files and a {dump.Length}-character dump read; metadata key recovered: {recoveredMetadataKey == metadataKey}; "
            + $"pieces of the old secret key or ciphertext found: {leadsInFiles} in the files, {leadsInDump} in the dump");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(recoveredMetadataKey, Is.EqualTo(metadataKey), "the probe starts from a working first link");
            Assert.That(files.Any(f => f.AsSpan().IndexOf(stored.MetadataKeyHash) >= 0), Is.True, "the probe must read the row at all");
            Assert.That(dump, Does.Contain(Convert.ToHexStringLower(stored.MetadataKeyHash)), "the dump holds the row");
            Assert.That(after.EncryptedSecretKey, Is.Empty, "the live row no longer leads to the secret key");
            Assert.That(after.Ciphertext, Is.Null);
            if (byDefault)
            {
                Assert.That(leadsInFiles, Is.Zero, "16-byte pieces of the old secret key or ciphertext in the rewritten table's files");
            }

            Assert.That(leadsInDump, Is.Zero, "16-byte pieces of the old secret key or ciphertext in the dump");
        }
    }

    private static IEnumerable<byte[]> Windows(byte[] bytes) =>
        Enumerable.Range(0, Math.Max(0, bytes.Length - Window + 1)).Where(i => i % 4 == 0).Select(i => bytes[i..(i + Window)]);

    private sealed record StoredRow(byte[] MetadataKeyHash, byte[] EncryptedSecretKey, byte[]? EncryptedMetadataKey, byte[]? Ciphertext, Guid? CustomerId);

    private NpgsqlConnection Superuser() => new(_postgres.ConnectionString(PrivatePostgres.Database));

    private async Task<StoredRow> RowAsync()
    {
        await using var connection = Superuser();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "MetadataKeyHash", "EncryptedSecretKey", "EncryptedMetadataKey", "Ciphertext", "CustomerId" FROM secrets""", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, "one secret is stored");
        return new StoredRow(
            (byte[])reader[0],
            (byte[])reader[1],
            reader.IsDBNull(2) ? null : (byte[])reader[2],
            reader.IsDBNull(3) ? null : (byte[])reader[3],
            reader.IsDBNull(4) ? null : reader.GetGuid(4));
    }

    /// <summary>Changes when the table is vacuumed (the statistics' count) or rewritten (a new file).</summary>
    private async Task<string> CompactionMarkAsync()
    {
        await using var connection = Superuser();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (vacuum_count + autovacuum_count)::text || '/' || pg_relation_filenode('secrets')::text FROM pg_stat_user_tables WHERE relname = 'secrets'",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Superuser();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every segment of the secrets table, its TOAST table and the TOAST index, read from the data folder.</summary>
    private async Task<List<byte[]>> TableFilesAsync()
    {
        await using var connection = Superuser();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT current_setting('data_directory'), pg_relation_filepath(c.oid), pg_relation_filepath(c.reltoastrelid),
                   (SELECT pg_relation_filepath(i.indexrelid) FROM pg_index i WHERE i.indrelid = c.reltoastrelid LIMIT 1)
            FROM pg_class c WHERE c.relname = 'secrets'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var folder = reader.GetString(0);
        var files = new List<byte[]>();
        for (var i = 1; i < 4; i++)
        {
            if (reader.IsDBNull(i))
            {
                continue;
            }

            var path = Path.Combine(folder, reader.GetString(i));
            foreach (var segment in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                files.Add(await File.ReadAllBytesAsync(segment));
            }
        }

        return files;
    }

    /// <summary><c>pg_dump --data-only --table=secrets</c>, as a logical backup would hold the table.</summary>
    private async Task<string> DumpAsync()
    {
        var start = new ProcessStartInfo(PgDump()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--data-only", "--table=secrets", "-h", "127.0.0.1", "-p", _postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", PrivatePostgres.Database })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await errors);
        return await output;
    }

    private static string PgDump()
    {
        var binaries = Environment.GetEnvironmentVariable(PostgresCluster.BinariesVariable);
        if (!string.IsNullOrEmpty(binaries))
        {
            return Path.Combine(binaries, "pg_dump");
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists).OrderDescending().FirstOrDefault()
            : null;
        return debian ?? "pg_dump";
    }
}
