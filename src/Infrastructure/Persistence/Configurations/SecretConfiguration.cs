using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Persistence.Configurations;

internal sealed class SecretConfiguration : IEntityTypeConfiguration<Secret>
{
    public void Configure(EntityTypeBuilder<Secret> builder)
    {
        builder.ToTable("secrets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();

        builder.Property(s => s.SecretKeyHash).HasMaxLength(32).IsRequired();
        builder.Property(s => s.MetadataKeyHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(s => s.SecretKeyHash).IsUnique();
        builder.HasIndex(s => s.MetadataKeyHash).IsUnique();

        builder.Property(s => s.EncryptedSecretKey).IsRequired();
        builder.Property(s => s.PassphraseHash).HasMaxLength(128);

        // At most 100 characters (400 UTF-8 bytes) plus the cipher's 49 bytes of header, nonce and tag.
        builder.Property(s => s.EncryptedNote).HasMaxLength(512);
        builder.Property(s => s.Recipients).HasMaxLength(4_000).IsRequired();
        builder.Property(s => s.ShareDomain).HasMaxLength(253).IsRequired();
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);

        // The purge job scans by expiry; the account page lists by owner and age.
        builder.HasIndex(s => s.SecretExpiresAt);
        builder.HasIndex(s => s.MetadataExpiresAt);
        builder.HasIndex(s => new { s.CustomerId, s.CreatedAt });

        builder.Ignore(s => s.RecipientList);
    }
}
