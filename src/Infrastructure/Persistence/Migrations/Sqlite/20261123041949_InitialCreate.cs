using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneTimeSecret.Infrastructure.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustId = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    PlanId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SecretsCreated = table.Column<long>(type: "INTEGER", nullable: false),
                    SecretsBurned = table.Column<long>(type: "INTEGER", nullable: false),
                    EmailsSent = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "secrets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SecretKeyHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    MetadataKeyHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    EncryptedSecretKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EncryptedMetadataKey = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Ciphertext = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PassphraseHash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    PassphraseRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    CustId = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TtlSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ShareDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FailedPassphraseAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SecretExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MetadataExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BurnedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secrets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
