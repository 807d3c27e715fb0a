using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CanadaKoreaMatch.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TrimAccountAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DataFixes.TrimAccountAddresses);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The spaces are not put back: they only kept the accounts from being found.
        }
    }
}
