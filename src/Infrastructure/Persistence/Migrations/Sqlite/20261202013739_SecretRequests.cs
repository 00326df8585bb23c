using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneTimeSecret.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecretRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "secret_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestKeyHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    EncryptedRequestKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EncryptedNote = table.Column<byte[]>(type: "BLOB", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TtlSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    SecretTtlSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SecretId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RetainUntil = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secret_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_secret_requests_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_secret_requests_CustomerId_CreatedAt",
                table: "secret_requests",
                columns: new[] { "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_secret_requests_RequestKeyHash",
                table: "secret_requests",
                column: "RequestKeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_secret_requests_RetainUntil",
                table: "secret_requests",
                column: "RetainUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "secret_requests");
        }
    }
}
