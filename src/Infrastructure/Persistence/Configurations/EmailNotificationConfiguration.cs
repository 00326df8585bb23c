using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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

        builder.Property(n => n.ObfuscatedAddress).HasMaxLength(254).IsRequired();
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);

        // The delivery job looks for due emails; the metadata looks up the emails of a secret.
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        builder.HasIndex(n => n.SecretId);

        builder.HasOne<Secret>()
            .WithMany()
            .HasForeignKey(n => n.SecretId)
            .OnDelete(DeleteBehavior.Cascade);

        builder.Ignore(n => n.HoldsPayload);
    }
}
