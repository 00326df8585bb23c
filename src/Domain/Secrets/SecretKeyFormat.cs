namespace OneTimeSecret.Domain.Secrets;

/// <summary>
/// The shape of secret and metadata keys: 31 characters of base 36 (<c>[0-9a-z]</c>), about 160 bits.
/// Anything else can never name a secret, so it is rejected without touching the database.
/// </summary>
public static class SecretKeyFormat
{
    public const int Length = 31;

    public const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>The number of leading characters shown where a key must be named but not revealed.</summary>
    public const int ShortKeyLength = 8;

    public static bool IsWellFormed(string? key)
    {
        if (key is null || key.Length != Length)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'z')))
            {
                return false;
            }
        }

        return true;
    }

    public static string ShortKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= ShortKeyLength ? key : key[..ShortKeyLength];
    }
}
