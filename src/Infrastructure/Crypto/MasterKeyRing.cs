using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Infrastructure.Crypto;

/// <summary>
/// The master keys: one current key that encrypts, and earlier ones that still decrypt. Each key is named by an id
/// (the first four bytes of its SHA-256) that every ciphertext carries.
/// </summary>
public sealed class MasterKeyRing : IMasterKeys
{
    private readonly Dictionary<uint, byte[]> _keysById = [];
    private readonly List<uint> _previousKeyIds = [];

    public MasterKeyRing(IOptions<EncryptionOptions> options, ILogger<MasterKeyRing> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var current = string.IsNullOrWhiteSpace(settings.MasterKey)
            ? LoadOrCreateKeyFile(settings, logger)
            : MasterKeyParser.Parse(settings.MasterKey, "Encryption:MasterKey");
        CurrentKeyId = KeyIdOf(current);
        _keysById[CurrentKeyId] = current;
        for (var i = 0; i < settings.PreviousMasterKeys.Count; i++)
        {
            var previous = MasterKeyParser.Parse(settings.PreviousMasterKeys[i], $"Encryption:PreviousMasterKeys:{i}");
            var previousId = KeyIdOf(previous);
            _previousKeyIds.Add(previousId);
            _keysById.TryAdd(previousId, previous);
        }
    }

    public uint CurrentKeyId { get; }

    public IReadOnlyList<uint> PreviousKeyIds => _previousKeyIds;

    public ReadOnlySpan<byte> CurrentKey => _keysById[CurrentKeyId];

    public bool TryGetKey(uint keyId, out byte[] key) => _keysById.TryGetValue(keyId, out key!);

    uint? IMasterKeys.KeyIdOf(byte[]? ciphertext) =>
        ciphertext is not null && AesGcmSecretCipher.TryReadKeyId(ciphertext, out var keyId) ? keyId : null;

    /// <summary>A new random master key, base64, as <c>Encryption:MasterKey</c> takes it.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(EncryptionOptions.MasterKeyBytes));

    /// <summary>The id of a base64 master key, as <c>keys status</c> shows it.</summary>
    public static uint KeyIdOf(string base64Key) => KeyIdOf(MasterKeyParser.Parse(base64Key, "the key"));

    public static uint KeyIdOf(ReadOnlySpan<byte> key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(key, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    private static byte[] LoadOrCreateKeyFile(EncryptionOptions settings, ILogger logger)
    {
        if (!settings.GenerateMasterKeyFile)
        {
            throw new InvalidOperationException(
                "Encryption:MasterKey is not set. Set it to base64 of 32 random bytes (for example the output of "
                + "'openssl rand -base64 32'), through the environment variable Encryption__MasterKey.");
        }

        var path = Path.GetFullPath(settings.MasterKeyFile);
        if (File.Exists(path))
        {
            return MasterKeyParser.Parse(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(EncryptionOptions.MasterKeyBytes);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, fileOptions))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        logger.LogWarning(
            "Generated a new master key in {MasterKeyFile}. Back it up: without it no stored secret can be read. "
            + "Outside development, set Encryption:MasterKey instead.",
            path);
        return key;
    }
}

internal static class MasterKeyParser
{
    public static byte[] Parse(string base64, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not valid base64; it must be base64 of 32 random bytes.");
        }

        if (key.Length != EncryptionOptions.MasterKeyBytes)
        {
            throw new InvalidOperationException(
                $"{source} holds {key.Length} bytes; it must be base64 of exactly {EncryptionOptions.MasterKeyBytes} random bytes.");
        }

        return key;
    }

    public static bool IsValid(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == EncryptionOptions.MasterKeyBytes;
    }
}
