namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>The master keys this server holds, named by their ids, and the key id every stored ciphertext carries.</summary>
public interface IMasterKeys
{
    /// <summary>The key that encrypts new data.</summary>
    uint CurrentKeyId { get; }

    /// <summary>Earlier keys, still accepted for decryption, in the order of <c>Encryption:PreviousMasterKeys</c>.</summary>
    IReadOnlyList<uint> PreviousKeyIds { get; }

    /// <summary>The id of the master key <paramref name="ciphertext"/> was encrypted under; null when it has no known format.</summary>
    uint? KeyIdOf(byte[]? ciphertext);
}
