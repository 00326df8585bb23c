using System.Security.Cryptography;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Crypto;

/// <summary>Keys, tokens and passwords from <see cref="RandomNumberGenerator"/>, without modulo bias.</summary>
public sealed class RandomKeyGenerator : IKeyGenerator
{
    public const int ApiTokenLength = 40;

    // Letters and digits without the look-alikes i, l, o, I, O, 0 and 1.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghjkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string PasswordAlphabet = Upper + Lower + Digits;

    private static readonly System.Buffers.SearchValues<char> UpperSet = System.Buffers.SearchValues.Create(Upper);
    private static readonly System.Buffers.SearchValues<char> LowerSet = System.Buffers.SearchValues.Create(Lower);
    private static readonly System.Buffers.SearchValues<char> DigitSet = System.Buffers.SearchValues.Create(Digits);

    public string NewKey() => RandomNumberGenerator.GetString(SecretKeyFormat.Alphabet, SecretKeyFormat.Length);

    public string NewApiToken() => RandomNumberGenerator.GetString(SecretKeyFormat.Alphabet, ApiTokenLength);

    public string NewPassword(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 3);
        while (true)
        {
            // Rejection sampling keeps every accepted password uniformly distributed among those that mix all sets.
            var candidate = RandomNumberGenerator.GetString(PasswordAlphabet, length);
            if (candidate.AsSpan().IndexOfAny(UpperSet) >= 0
                && candidate.AsSpan().IndexOfAny(LowerSet) >= 0
                && candidate.AsSpan().IndexOfAny(DigitSet) >= 0)
            {
                return candidate;
            }
        }
    }
}
