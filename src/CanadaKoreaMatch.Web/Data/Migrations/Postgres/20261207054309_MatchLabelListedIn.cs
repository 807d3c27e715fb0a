using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CanadaKoreaMatch.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MatchLabelListedIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ListedIn",
                table: "MatchLabels",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ListedIn",
                table: "MatchLabels");
        }
    }
}
