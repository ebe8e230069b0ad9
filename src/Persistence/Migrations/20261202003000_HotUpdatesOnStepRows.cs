using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Persistence.Migrations
{
    /// <summary>
    /// Drops the two indexes on columns every consumer step changes and no query reads
    /// (<c>order_states.current_state</c>, <c>inbox_state.delivered</c>), so the saga's and the
    /// inbox's UPDATEs can stay heap-only (HOT) instead of writing an entry in every index (issue 19).
    /// </summary>
    [DbContext(typeof(CommerceDbContext))]
    [Migration("20261202003000_HotUpdatesOnStepRows")]
    public partial class HotUpdatesOnStepRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_order_states_current_state", table: "order_states");
            migrationBuilder.DropIndex(name: "ix_inbox_state_delivered", table: "inbox_state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(name: "ix_order_states_current_state", table: "order_states", column: "current_state");
            migrationBuilder.CreateIndex(name: "ix_inbox_state_delivered", table: "inbox_state", column: "delivered");
        }
    }
}
