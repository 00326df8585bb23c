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
            migrationBuilder.DropForeignKey(
                name: "FK_email_notifications_secrets_SecretId",
                table: "email_notifications");

            migrationBuilder.AlterColumn<Guid>(
                name: "SecretId",
                table: "email_notifications",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "email_notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "EncryptedMessage",
                table: "email_notifications",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "email_notifications",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "SecretLink");

            migrationBuilder.AddColumn<string>(
                name: "PickupFile",
                table: "email_notifications",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "RecipientTag",
                table: "email_notifications",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

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
                name: "IX_email_notifications_CustomerId_CreatedAt",
                table: "email_notifications",
                columns: new[] { "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_email_notifications_RecipientTag_CreatedAt",
                table: "email_notifications",
                columns: new[] { "RecipientTag", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_EmailVerificationTokenHash",
                table: "customers",
                column: "EmailVerificationTokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_email_notifications_customers_CustomerId",
                table: "email_notifications",
                column: "CustomerId",
                principalTable: "customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_email_notifications_secrets_SecretId",
                table: "email_notifications",
                column: "SecretId",
                principalTable: "secrets",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

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
