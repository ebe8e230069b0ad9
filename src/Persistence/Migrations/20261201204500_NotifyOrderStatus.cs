using Commerce.Persistence.Orders;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Persistence.Migrations
{
    /// <summary>
    /// A trigger that announces each status change of an order on <see cref="OrderStatusNotifications.Channel"/>:
    /// PostgreSQL delivers it to every listening Api instance when the saga's step commits (docs/adr/0014).
    /// </summary>
    [DbContext(typeof(CommerceDbContext))]
    [Migration("20261201204500_NotifyOrderStatus")]
    public partial class NotifyOrderStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION notify_order_status() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('{OrderStatusNotifications.Channel}', NEW.id::text);
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER orders_status_notify AFTER UPDATE OF status_version ON orders
                    FOR EACH ROW WHEN (OLD.status_version IS DISTINCT FROM NEW.status_version)
                    EXECUTE FUNCTION notify_order_status();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER orders_status_notify ON orders;
                DROP FUNCTION notify_order_status();
                """);
        }
    }
}
