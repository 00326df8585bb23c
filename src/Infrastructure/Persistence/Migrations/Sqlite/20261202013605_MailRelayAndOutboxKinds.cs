using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneTimeSecret.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// Issue 15 items 4-6 and issue 16 item 8: account address verification, outbox rows of several kinds (nullable
    /// secret, owning account, recipient tag for the quotas, sender message, pickup file), existing accounts verified.
    /// </summary>
    public partial class MailRelayAndOutboxKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "EmailVerificationExpiresAt",
                table: "customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "EmailVerificationTokenHash",
                table: "customers",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EmailVerifiedAt",
                table: "customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_customers_EmailVerificationTokenHash",
                table: "customers",
                column: "EmailVerificationTokenHash",
                unique: true);

            // SQLite cannot make SecretId nullable or add a foreign key in place. EF's own rebuild switches foreign
            // keys off, which cannot be done inside a transaction; nothing references email_notifications, so the
            // table is rebuilt here by hand with foreign keys on, inside the migration's transaction (the result is
            // the table EF's rebuild makes).
            migrationBuilder.Sql(
                """
                CREATE TABLE "ef_temp_email_notifications" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_email_notifications" PRIMARY KEY,
                    "Attempts" INTEGER NOT NULL,
                    "CreatedAt" INTEGER NOT NULL,
                    "CustomerId" TEXT NULL,
                    "EncryptedAddress" BLOB NULL,
                    "EncryptedMessage" BLOB NULL,
                    "EncryptedShareLink" BLOB NULL,
                    "Kind" TEXT NOT NULL,
                    "NextAttemptAt" INTEGER NOT NULL,
                    "ObfuscatedAddress" TEXT NOT NULL,
                    "PickupFile" TEXT NULL,
                    "RecipientTag" BLOB NULL,
                    "SecretId" TEXT NULL,
                    "SentAt" INTEGER NULL,
                    "Status" TEXT NOT NULL,
                    "UpdatedAt" INTEGER NOT NULL,
                    CONSTRAINT "FK_email_notifications_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE SET NULL,
                    CONSTRAINT "FK_email_notifications_secrets_SecretId" FOREIGN KEY ("SecretId") REFERENCES "secrets" ("Id") ON DELETE SET NULL
                );
                INSERT INTO "ef_temp_email_notifications" ("Id", "Attempts", "CreatedAt", "EncryptedAddress", "EncryptedShareLink", "Kind", "NextAttemptAt", "ObfuscatedAddress", "SecretId", "SentAt", "Status", "UpdatedAt")
                SELECT "Id", "Attempts", "CreatedAt", "EncryptedAddress", "EncryptedShareLink", 'SecretLink', "NextAttemptAt", "ObfuscatedAddress", "SecretId", "SentAt", "Status", "UpdatedAt"
                FROM "email_notifications";
                DROP TABLE "email_notifications";
                ALTER TABLE "ef_temp_email_notifications" RENAME TO "email_notifications";
                CREATE INDEX "IX_email_notifications_CustomerId_CreatedAt" ON "email_notifications" ("CustomerId", "CreatedAt");
                CREATE INDEX "IX_email_notifications_RecipientTag_CreatedAt" ON "email_notifications" ("RecipientTag", "CreatedAt");
                CREATE INDEX "IX_email_notifications_SecretId" ON "email_notifications" ("SecretId");
                CREATE INDEX "IX_email_notifications_Status_NextAttemptAt" ON "email_notifications" ("Status", "NextAttemptAt");
                """);

            // Accounts that exist at the upgrade were made by the operator or before verification existed: they stay
            // able to send emails (docs/decisions/0014-verified-senders-and-email-quotas.md).
            migrationBuilder.Sql("UPDATE customers SET \"EmailVerifiedAt\" = \"CreatedAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_email_notifications_customers_CustomerId",
                table: "email_notifications");

            migrationBuilder.DropForeignKey(
                name: "FK_email_notifications_secrets_SecretId",
                table: "email_notifications");

            migrationBuilder.DropIndex(
                name: "IX_email_notifications_CustomerId_CreatedAt",
                table: "email_notifications");

            migrationBuilder.DropIndex(
                name: "IX_email_notifications_RecipientTag_CreatedAt",
                table: "email_notifications");

            migrationBuilder.DropIndex(
                name: "IX_customers_EmailVerificationTokenHash",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "email_notifications");

            migrationBuilder.DropColumn(
                name: "EncryptedMessage",
                table: "email_notifications");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "email_notifications");

            migrationBuilder.DropColumn(
                name: "PickupFile",
                table: "email_notifications");

            migrationBuilder.DropColumn(
                name: "RecipientTag",
                table: "email_notifications");

            migrationBuilder.DropColumn(
                name: "EmailVerificationExpiresAt",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "EmailVerificationTokenHash",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "EmailVerifiedAt",
                table: "customers");

            migrationBuilder.AlterColumn<Guid>(
                name: "SecretId",
                table: "email_notifications",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_email_notifications_secrets_SecretId",
                table: "email_notifications",
                column: "SecretId",
                principalTable: "secrets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
