using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DropRefundedAmountMinor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "refunded_amount_minor",
                table: "order_states");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "refunded_amount_minor",
                table: "order_states",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }
    }
}
