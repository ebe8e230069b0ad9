using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Persistence.Migrations
{
    /// <summary>
    /// Each product's change version and the version the search indexer last wrote
    /// (docs/adr/0040). Existing rows start at version 1, not yet indexed.
    /// </summary>
    public partial class AddProductVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "indexed_version",
                table: "products",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "products",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "indexed_version",
                table: "products");

            migrationBuilder.DropColumn(
                name: "version",
                table: "products");
        }
    }
}
