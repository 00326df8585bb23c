using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneTimeSecret.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustId = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    PlanId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SecretsCreated = table.Column<long>(type: "bigint", nullable: false),
                    SecretsBurned = table.Column<long>(type: "bigint", nullable: false),
                    EmailsSent = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "secrets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SecretKeyHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    MetadataKeyHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    EncryptedSecretKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    EncryptedMetadataKey = table.Column<byte[]>(type: "bytea", nullable: true),
                    Ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    PassphraseHash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    PassphraseRequired = table.Column<bool>(type: "boolean", nullable: false),
                    CustId = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TtlSeconds = table.Column<long>(type: "bigint", nullable: false),
                    Recipients = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ShareDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FailedPassphraseAttempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SecretExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MetadataExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BurnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secrets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_tokens_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_CustomerId",
                table: "api_tokens",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_TokenHash",
                table: "api_tokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_customers_CustId",
                table: "customers",
                column: "CustId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_secrets_CustomerId_CreatedAt",
                table: "secrets",
                columns: new[] { "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_secrets_MetadataExpiresAt",
                table: "secrets",
                column: "MetadataExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_secrets_MetadataKeyHash",
                table: "secrets",
                column: "MetadataKeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_secrets_SecretExpiresAt",
                table: "secrets",
                column: "SecretExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_secrets_SecretKeyHash",
                table: "secrets",
                column: "SecretKeyHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "secrets");

            migrationBuilder.DropTable(
                name: "customers");
        }
    }
}
