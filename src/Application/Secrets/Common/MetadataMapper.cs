using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Secrets;
using Riok.Mapperly.Abstractions;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>Maps a stored secret to the creator's view of it at a given moment.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class MetadataMapper
{
    /// <param name="ownerCustId">The creator's custid (the account's, read from the account; secret rows hold only its id).</param>
    public static MetadataDto ToMetadataDto(this Secret secret, string ownerCustId, string metadataKey, string? secretKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var state = secret.StateAt(now);
        return MapStoredFields(secret) with
        {
            CustId = ownerCustId,
            MetadataKey = metadataKey,
            SecretKey = state == SecretState.Received ? null : secretKey,
            State = state,
            MetadataTtl = secret.MetadataTtlAt(now),
            SecretTtl = secret.SecretTtlAt(now),
        };
    }

    [MapProperty(nameof(Secret.TtlSeconds), nameof(MetadataDto.Ttl))]
    [MapProperty(nameof(Secret.CreatedAt), nameof(MetadataDto.Created))]
    [MapProperty(nameof(Secret.UpdatedAt), nameof(MetadataDto.Updated))]
    [MapProperty(nameof(Secret.ReceivedAt), nameof(MetadataDto.Received))]
    [MapProperty(nameof(Secret.RecipientList), nameof(MetadataDto.Recipients))]
    [MapValue(nameof(MetadataDto.MetadataKey), "")]
    [MapValue(nameof(MetadataDto.CustId), "")]
    [MapperIgnoreTarget(nameof(MetadataDto.SecretKey))]
    [MapperIgnoreTarget(nameof(MetadataDto.MetadataTtl))]
    [MapperIgnoreTarget(nameof(MetadataDto.SecretTtl))]
    [MapperIgnoreTarget(nameof(MetadataDto.EmailStatus))]
    [MapperIgnoreTarget(nameof(MetadataDto.Note))]
    private static partial MetadataDto MapStoredFields(Secret secret);
}

/// <summary>The creator's private note in the metadata: only a holder of the metadata key can read it.</summary>
internal static class CreatorNote
{
    public static MetadataDto WithNote(this MetadataDto metadata, Secret secret, ISecretCipher cipher) =>
        secret.EncryptedNote is { } encrypted && metadata.MetadataKey.Length > 0
            ? metadata with { Note = cipher.DecryptNote(encrypted, metadata.MetadataKey) }
            : metadata;
}
