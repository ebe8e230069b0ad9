using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Persistence.Migrations
{
    /// <summary>
    /// The human order number (docs/adr/0037): a sequence and a column whose default draws from it.
    /// Adding the column evaluates the default once per existing row, so orders placed before this
    /// migration get numbers too.
    /// </summary>
    public partial class AddOrderNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "order_numbers",
                startValue: 100000001L);

            migrationBuilder.AddColumn<long>(
                name: "number",
                table: "orders",
                type: "bigint",
                nullable: false,
                defaultValueSql: "nextval('order_numbers')");

            migrationBuilder.CreateIndex(
                name: "ix_orders_number",
                table: "orders",
                column: "number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_number",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "number",
                table: "orders");

            migrationBuilder.DropSequence(
                name: "order_numbers");
        }
    }
}
