using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.CustId).HasMaxLength(Customer.MaxCustIdLength).IsRequired();
        builder.HasIndex(c => c.CustId).IsUnique();
        builder.Property(c => c.PlanId).HasMaxLength(32).IsRequired();
        builder.Property(c => c.PasswordHash).HasMaxLength(128);
        builder.Property(c => c.SecurityStamp).HasMaxLength(Customer.SecurityStampLength).IsRequired();
        builder.Property(c => c.EmailVerificationTokenHash).HasMaxLength(32);
        builder.HasIndex(c => c.EmailVerificationTokenHash).IsUnique();
        builder.Ignore(c => c.IsEmailVerified);

        builder.HasMany(c => c.ApiTokens)
            .WithOne()
            .HasForeignKey(t => t.CustomerId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.ApiTokens).HasField("_apiTokens").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Ignore(t => t.IsActive);
    }
}
