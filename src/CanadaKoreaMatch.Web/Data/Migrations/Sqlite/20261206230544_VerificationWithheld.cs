using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CanadaKoreaMatch.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationWithheldByUserId",
                table: "Companies",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationWithheldReason",
                table: "Companies",
                type: "TEXT",
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
