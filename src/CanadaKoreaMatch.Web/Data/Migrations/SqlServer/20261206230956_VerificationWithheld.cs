using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CanadaKoreaMatch.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class VerificationWithheld : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "VerificationWithheldAt",
                table: "Companies",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationWithheldByUserId",
                table: "Companies",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationWithheldReason",
                table: "Companies",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VerificationWithheldAt",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "VerificationWithheldByUserId",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "VerificationWithheldReason",
                table: "Companies");
        }
    }
}
