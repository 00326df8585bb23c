using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Infrastructure.Crypto;

public static class CryptoServices
{
    /// <summary>The master key ring, the value cipher, key hashing and generation, and passphrase hashing.</summary>
    public static IServiceCollection AddCrypto(this IServiceCollection services)
    {
        services.AddValidatedOptions<EncryptionOptions, EncryptionOptionsAnnotationValidator>(EncryptionOptions.SectionName);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>();

        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<IMasterKeys>(provider => provider.GetRequiredService<MasterKeyRing>());
        services.AddSingleton<AesGcmSecretCipher>();
        services.AddSingleton<ISecretCipher>(provider => provider.GetRequiredService<AesGcmSecretCipher>());
        services.AddSingleton<IKeyHasher, Sha256KeyHasher>();
        services.AddSingleton<IKeyGenerator, RandomKeyGenerator>();
        services.AddSingleton<IPassphraseHasher, BCryptPassphraseHasher>();
        return services;
    }
}
