using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneTimeSecret.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecurityStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "customers",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Each existing account gets a stamp of its own; sessions from before the upgrade carry none and end.
            migrationBuilder.Sql("UPDATE customers SET \"SecurityStamp\" = lower(hex(randomblob(16)));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "customers");
        }
    }
}
