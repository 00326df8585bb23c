using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneTimeSecret.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Secret rows no longer copy the account's address (its custid): only the account's id stays (issue 15, item 16).
    /// A row that names an account only by address gets the account's id first; then the column goes.
    /// </summary>
    public partial class SecretOwnerByIdOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                UPDATE secrets SET "CustomerId" = (SELECT c."Id" FROM customers c WHERE c."CustId" = secrets."CustId")
                WHERE "CustomerId" IS NULL AND "CustId" <> 'anon';
                """);
            migrationBuilder.DropColumn(
                name: "CustId",
                table: "secrets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustId",
                table: "secrets",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "");
            migrationBuilder.Sql(
                """
                UPDATE secrets SET "CustId" = COALESCE((SELECT c."CustId" FROM customers c WHERE c."Id" = secrets."CustomerId"), 'anon');
                """);
        }
    }
}
