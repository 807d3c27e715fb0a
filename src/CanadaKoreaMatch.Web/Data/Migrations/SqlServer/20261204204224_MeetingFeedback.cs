using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CanadaKoreaMatch.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MeetingFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CancelledBy",
                table: "FollowUps",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LinkUsedAt",
                table: "FollowUps",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MeetingFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ForumId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Attendance = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    Rating = table.Column<int>(type: "int", nullable: true),
                    NextStep = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Promising = table.Column<bool>(type: "bit", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    OutcomeNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    OutcomeAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingFeedback_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_MeetingFeedback_PublishedMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "PublishedMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingFeedback_CompanyId",
                table: "MeetingFeedback",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingFeedback_ForumId",
                table: "MeetingFeedback",
                column: "ForumId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingFeedback_MeetingId_CompanyId",
                table: "MeetingFeedback",
                columns: new[] { "MeetingId", "CompanyId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingFeedback");

            migrationBuilder.DropColumn(
                name: "CancelledBy",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "LinkUsedAt",
                table: "FollowUps");
        }
    }
}
