namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>What a successful claim erased from the database: the value's ciphertext, for the one caller that won it.</summary>
public sealed record ClaimedSecret(byte[] Ciphertext, string ShareDomain);
