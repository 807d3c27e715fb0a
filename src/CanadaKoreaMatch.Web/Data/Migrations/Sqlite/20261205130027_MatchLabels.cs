using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CanadaKoreaMatch.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MatchLabels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MatchLabels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CounterpartId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Positive = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ReasonNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchLabels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchLabels_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MatchLabels_Companies_CounterpartId",
                        column: x => x.CounterpartId,
                        principalTable: "Companies",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_MatchLabels_CompanyId_CounterpartId",
                table: "MatchLabels",
                columns: new[] { "CompanyId", "CounterpartId" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchLabels_CounterpartId",
                table: "MatchLabels",
                column: "CounterpartId");

            migrationBuilder.CreateIndex(
                name: "IX_MatchLabels_RecordedAt",
                table: "MatchLabels",
                column: "RecordedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MatchLabels");
        }
    }
}
