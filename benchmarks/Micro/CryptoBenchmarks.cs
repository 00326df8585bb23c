using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneTimeSecret.Infrastructure.Crypto;

namespace OneTimeSecret.Micro;

/// <summary>
/// The crypto of one share and one reveal: two keys and their lookup hashes, the 1 KiB value sealed and opened
/// (HKDF-SHA256 + AES-256-GCM), the secret key sealed for the creator. Not sealed: BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
public class CryptoBenchmarks
{
    private readonly RandomKeyGenerator _keys = new();
    private readonly Sha256KeyHasher _hasher = new();
    private AesGcmSecretCipher _cipher = null!;
    private string _value = null!;
    private string _secretKey = null!;
    private string _metadataKey = null!;
    private byte[] _ciphertext = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new EncryptionOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        _cipher = new AesGcmSecretCipher(new MasterKeyRing(options, NullLogger<MasterKeyRing>.Instance));
        _value = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 1024);
        _secretKey = _keys.NewKey();
        _metadataKey = _keys.NewKey();
        _ciphertext = _cipher.EncryptValue(_value, _secretKey, null);
    }

    [Benchmark(Description = "new key (31 base-36 chars)")]
    public string NewKey() => _keys.NewKey();

    [Benchmark(Description = "SHA-256 lookup hash of a key")]
    public byte[] HashKey() => _hasher.Hash(_secretKey);

    [Benchmark(Description = "encrypt 1 KiB value")]
    public byte[] EncryptValue() => _cipher.EncryptValue(_value, _secretKey, null);

    [Benchmark(Description = "decrypt 1 KiB value")]
    public string DecryptValue() => _cipher.DecryptValue(_ciphertext, _secretKey, null);

    [Benchmark(Description = "encrypt secret key for the creator")]
    public byte[] EncryptSecretKey() => _cipher.EncryptSecretKey(_secretKey, _metadataKey);
}
