using System.Security.Cryptography;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Crypto;

/// <summary>Keys, tokens and passwords from <see cref="RandomNumberGenerator"/>, without modulo bias.</summary>
public sealed class RandomKeyGenerator : IKeyGenerator
{
    public const int ApiTokenLength = 40;

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    // Symbols that password rules accept, without the quotes, backslash, brackets, slash, comma and space that most
    // often break a config file, a connection string or a URL when a password is pasted in.
    private const string Symbols = "!#$%&*+-=?@^_";

    // Characters that look alike in many fonts, left out with exclude_ambiguous.
    private const string LookAlikes = "IOilo01";

    public string NewKey() => RandomNumberGenerator.GetString(SecretKeyFormat.Alphabet, SecretKeyFormat.Length);

    public string NewApiToken() => RandomNumberGenerator.GetString(SecretKeyFormat.Alphabet, ApiTokenLength);

    public string NewPassword(PasswordRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var choice = recipe.CharacterSets;
        var sets = new[] { (choice.Uppercase, Upper), (choice.Lowercase, Lower), (choice.Numbers, Digits), (choice.Symbols, Symbols) }
            .Where(set => set.Item1)
            .Select(set => choice.ExcludeAmbiguous ? string.Concat(set.Item2.Where(c => !LookAlikes.Contains(c, StringComparison.Ordinal))) : set.Item2)
            .ToArray();
        if (sets.Length == 0 || recipe.Length < sets.Length)
        {
            throw new ArgumentException("The recipe needs at least one character set and a character for each", nameof(recipe));
        }

        var alphabet = string.Concat(sets);
        var searches = sets.Select(set => System.Buffers.SearchValues.Create(set)).ToArray();
        while (true)
        {
            // Rejection sampling keeps every accepted password uniformly distributed among those that hold every set.
            var candidate = RandomNumberGenerator.GetString(alphabet, recipe.Length);
            if (searches.All(set => candidate.AsSpan().IndexOfAny(set) >= 0))
            {
                return candidate;
            }
        }
    }
}
