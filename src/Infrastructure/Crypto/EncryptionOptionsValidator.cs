using Microsoft.Extensions.Options;

namespace OneTimeSecret.Infrastructure.Crypto;

/// <summary>Stops start-up with a clear message when the master key is missing or malformed.</summary>
public sealed class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MasterKey))
        {
            if (!options.GenerateMasterKeyFile)
            {
                failures.Add("Encryption:MasterKey is required: set it to base64 of 32 random bytes (for example "
                    + "'openssl rand -base64 32') through the environment variable Encryption__MasterKey.");
            }
        }
        else if (!MasterKeyParser.IsValid(options.MasterKey))
        {
            failures.Add("Encryption:MasterKey must be base64 of exactly 32 bytes.");
        }

        for (var i = 0; i < options.PreviousMasterKeys.Count; i++)
        {
            if (!MasterKeyParser.IsValid(options.PreviousMasterKeys[i]))
            {
                failures.Add($"Encryption:PreviousMasterKeys:{i} must be base64 of exactly 32 bytes.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
