using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.DataProtection;

public static class DataProtectionServices
{
    /// <summary>
    /// Cookies and antiforgery tokens must verify on every instance: the data-protection keys live in the shared
    /// database, encrypted under the master key.
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("OneTimeSecret")
            .PersistKeysToDbContext<ApplicationDbContext>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<AesGcmSecretCipher>((keyManagement, cipher) => keyManagement.XmlEncryptor = new MasterKeyXmlEncryptor(cipher));
        services.AddScoped<IStoredDataProtectionKeys, StoredDataProtectionKeys>();
        return services;
    }
}
