using Commerce.Messaging.Storage;
using Commerce.Persistence.Catalog;
using Commerce.Persistence.Inventory;
using Commerce.Persistence.Operations;
using Commerce.Persistence.Orders;
using Commerce.Persistence.Users;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Persistence;

/// <summary>The one database of the system, shared by the Api and the Workers (docs/adr/0002).</summary>
public class CommerceDbContext(DbContextOptions<CommerceDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderState> OrderStates => Set<OrderState>();

    public DbSet<StockReservation> StockReservations => Set<StockReservation>();

    public DbSet<SentNotification> SentNotifications => Set<SentNotification>();

    public DbSet<DeadLetterAction> DeadLetterActions => Set<DeadLetterAction>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommerceDbContext).Assembly);
        modelBuilder.HasSequence<long>(OrderNumbers.Sequence).StartsAt(OrderNumbers.First);
        // Inbox, outbox and scheduler rows commit in the same transactions as the state they follow.
        modelBuilder.AddMessagingTables();
    }
}
