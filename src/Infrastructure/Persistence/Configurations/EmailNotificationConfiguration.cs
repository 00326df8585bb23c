using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Persistence.Configurations;

internal sealed class EmailNotificationConfiguration : IEntityTypeConfiguration<EmailNotification>
{
    public void Configure(EntityTypeBuilder<EmailNotification> builder)
    {
        builder.ToTable("email_notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();

        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.ObfuscatedAddress).HasMaxLength(254).IsRequired();
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.RecipientTag).HasMaxLength(32);
        builder.Property(n => n.PickupFile).HasMaxLength(128);

        // The delivery job looks for due emails; the metadata looks up the emails of a secret; the quotas count an
        // account's and an address's recent emails.
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        builder.HasIndex(n => n.SecretId);
        builder.HasIndex(n => new { n.CustomerId, n.CreatedAt });
        builder.HasIndex(n => new { n.RecipientTag, n.CreatedAt });

        // The purge detaches an email from its secret before deleting the secret's row (the quotas still count it
        // for a day); the database does the same for any other deletion.
        builder.HasOne<Secret>()
            .WithMany()
            .HasForeignKey(n => n.SecretId)
            .IsRequired(false)
            .OnDelete(DeleteBehavior.SetNull);

        builder.HasOne<Customer>()
            .WithMany()
            .HasForeignKey(n => n.CustomerId)
            .IsRequired(false)
            .OnDelete(DeleteBehavior.SetNull);

        builder.Ignore(n => n.HoldsPayload);
    }
}
