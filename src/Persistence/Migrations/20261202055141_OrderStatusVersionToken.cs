using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OrderStatusVersionToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
