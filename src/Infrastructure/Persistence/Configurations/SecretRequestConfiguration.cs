using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Requests;

namespace OneTimeSecret.Infrastructure.Persistence.Configurations;

internal sealed class SecretRequestConfiguration : IEntityTypeConfiguration<SecretRequest>
{
    public void Configure(EntityTypeBuilder<SecretRequest> builder)
    {
        builder.ToTable("secret_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();

        builder.Property(r => r.RequestKeyHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(r => r.RequestKeyHash).IsUnique();
        builder.Property(r => r.EncryptedRequestKey).IsRequired();
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);

        // The account's list reads by owner and age; the purge scans by retention.
        builder.HasIndex(r => new { r.CustomerId, r.CreatedAt });
        builder.HasIndex(r => r.RetainUntil);

        // An account's requests go with the account.
        builder.HasOne<Customer>()
            .WithMany()
            .HasForeignKey(r => r.CustomerId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
