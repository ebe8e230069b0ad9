using Commerce.Messaging.Storage;
using Commerce.Persistence.Catalog;
using Commerce.Persistence.Users;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Persistence;

/// <summary>The one database of the system, shared by the Api and the Workers (docs/adr/0002).</summary>
public class CommerceDbContext(DbContextOptions<CommerceDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<User> Users => Set<User>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommerceDbContext).Assembly);
        // Inbox, outbox and scheduler rows commit in the same transactions as the state they follow.
        modelBuilder.AddMessagingTables();
    }
}
