using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CanadaKoreaMatch.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OneCascadePathPerPair : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CompanyExclusions_Companies_ExcludedCompanyId",
                table: "CompanyExclusions");

            migrationBuilder.DropForeignKey(
                name: "FK_Matches_Companies_KoreanCompanyId",
                table: "Matches");

            migrationBuilder.DropForeignKey(
                name: "FK_Suggestions_Companies_CounterpartId",
                table: "Suggestions");

            migrationBuilder.AddForeignKey(
                name: "FK_CompanyExclusions_Companies_ExcludedCompanyId",
                table: "CompanyExclusions",
                column: "ExcludedCompanyId",
                principalTable: "Companies",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_Matches_Companies_KoreanCompanyId",
                table: "Matches",
                column: "KoreanCompanyId",
                principalTable: "Companies",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_Suggestions_Companies_CounterpartId",
                table: "Suggestions",
                column: "CounterpartId",
                principalTable: "Companies",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CompanyExclusions_Companies_ExcludedCompanyId",
                table: "CompanyExclusions");

            migrationBuilder.DropForeignKey(
                name: "FK_Matches_Companies_KoreanCompanyId",
                table: "Matches");

            migrationBuilder.DropForeignKey(
                name: "FK_Suggestions_Companies_CounterpartId",
                table: "Suggestions");

            migrationBuilder.AddForeignKey(
                name: "FK_CompanyExclusions_Companies_ExcludedCompanyId",
                table: "CompanyExclusions",
                column: "ExcludedCompanyId",
                principalTable: "Companies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Matches_Companies_KoreanCompanyId",
                table: "Matches",
                column: "KoreanCompanyId",
                principalTable: "Companies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Suggestions_Companies_CounterpartId",
                table: "Suggestions",
                column: "CounterpartId",
                principalTable: "Companies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
