using System.CommandLine;
using System.Globalization;
using Mediator;
using OneTimeSecret.Application.MasterKeys.Commands.ReencryptSecrets;
using OneTimeSecret.Application.MasterKeys.Queries.GetMasterKeyUsage;
using OneTimeSecret.Infrastructure.Crypto;

namespace OneTimeSecret.Web.Cli;

/// <summary>
/// <c>OneTimeSecret.Web keys ...</c>: master key rotation. <c>generate</c> prints a new key (alone on the last line of
/// standard output); <c>status</c> tells which keys the stored data still needs; <c>reencrypt</c> moves what can be
/// moved to the current key. The procedure is in docs/self-hosting.md.
/// </summary>
public static class KeysCommandLine
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "keys";

    public static Task<int> RunAsync(
        string[] args,
        TextWriter? output = null,
        TextWriter? errors = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        errors ??= Console.Error;
        return CommandLineParsing.InvokeAsync(Verb(output, errors, settings), args, output, errors);
    }

    private static Command Verb(TextWriter output, TextWriter errors, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var generate = new Command("generate", "print a new random master key (base64) and its key id");
        generate.SetAction(async (_, _) =>
        {
            var key = MasterKeyRing.NewKey();
            await errors.WriteLineAsync($"New master key, id {FormatId(MasterKeyRing.KeyIdOf(key))}. Keep it secret and back it up:");
            await output.WriteLineAsync(key);
            return 0;
        });

        var status = new Command("status", "list the configured keys and how much stored data each one still protects");
        status.SetAction((_, _) => WithSenderAsync(settings, errors, sender => StatusAsync(sender, output)));

        var reencrypt = new Command("reencrypt", "re-encrypt account secrets under the current key, then show the status");
        reencrypt.SetAction((_, _) => WithSenderAsync(settings, errors, sender => ReencryptAsync(sender, output, errors)));

        return new Command("keys", "master key rotation (the procedure is in docs/self-hosting.md)") { generate, status, reencrypt };
    }

    private static async Task<int> ReencryptAsync(ISender sender, TextWriter output, TextWriter errors)
    {
        var result = await sender.Send(new ReencryptSecretsCommand());
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Re-encrypted under the current key: {result.Values} value(s), {result.SecretKeys} secret key(s), "
            + $"{result.MetadataKeys} metadata key(s) of {result.Rows} account secret(s), "
            + $"{result.DataProtectionKeys} data-protection key(s), {result.PendingEmails} pending email(s), {result.Requests} request(s)."));
        if (result.ValuesWithPassphrase > 0)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.ValuesWithPassphrase} value(s) behind a passphrase keep their old key until they expire."));
        }

        if (result.Unreadable > 0)
        {
            await errors.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Unreadable} stored item(s) could not be opened: their master key is not configured."));
        }

        await output.WriteLineAsync();
        var status = await StatusAsync(sender, output);
        return result.Unreadable > 0 ? 1 : status;
    }

    private static async Task<int> WithSenderAsync(
        IEnumerable<KeyValuePair<string, string?>>? settings,
        TextWriter errors,
        Func<ISender, Task<int>> run)
    {
        using var host = await CommandLineHost.TryStartAsync(errors, settings);
        if (host is null)
        {
            return 1;
        }

        await using var scope = host.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    /// <summary>Prints the table; exit code 1 when stored data needs a key that is not configured.</summary>
    private static async Task<int> StatusAsync(ISender sender, TextWriter output)
    {
        var usage = await sender.Send(new GetMasterKeyUsageQuery());
        await output.WriteLineAsync($"{"KEY ID",-8}  {"ROLE",-22} {"VALUES",7} {"SECRET KEYS",12} {"METADATA KEYS",14} {"DP KEYS",8} {"EMAILS",7} {"REQUESTS",9}  NEEDED UNTIL (UTC)");
        foreach (var key in usage)
        {
            var role = key.Role switch
            {
                MasterKeyRole.Current => "current",
                MasterKeyRole.Previous => string.Create(CultureInfo.InvariantCulture, $"previous [{key.PreviousIndex}]"),
                _ => "MISSING",
            };
            var until = key.NeededUntil?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{FormatId(key.KeyId),-8}  {role,-22} {key.Values,7} {key.SecretKeys,12} {key.MetadataKeys,14} {key.DataProtectionKeys,8} {key.PendingEmails,7} {key.Requests,9}  {until}"));
        }

        var removable = usage.Where(k => k.Role == MasterKeyRole.Previous && !k.IsNeeded).ToList();
        foreach (var key in removable)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Previous key {FormatId(key.KeyId)} (Encryption:PreviousMasterKeys:{key.PreviousIndex}) protects nothing any more: it can be removed."));
        }

        if (usage.Any(k => k.Role == MasterKeyRole.Missing))
        {
            await output.WriteLineAsync("Some stored data was encrypted under a key that is not configured: add it to Encryption:PreviousMasterKeys.");
            return 1;
        }

        return 0;
    }

    private static string FormatId(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);
}
