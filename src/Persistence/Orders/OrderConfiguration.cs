using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Persistence.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        // One order per (customer, Idempotency-Key): a retried checkout finds the first one.
        builder.HasIndex(o => new { o.CustomerId, o.IdempotencyKey }).IsUnique();
        builder.HasIndex(o => new { o.CustomerId, o.CreatedAt });
        builder.HasIndex(o => o.CreatedAt);
        // The sequence's nextval in the INSERT's own default: the number commits or rolls back with
        // the order, and no two inserts ever draw the same value (docs/adr/0037).
        builder.Property(o => o.Number).HasDefaultValueSql($"nextval('{OrderNumbers.Sequence}')").ValueGeneratedOnAdd();
        builder.HasIndex(o => o.Number).IsUnique();
        builder.Property(o => o.IdempotencyKey).HasMaxLength(200);
        builder.Property(o => o.RequestHash).HasMaxLength(64);
        builder.Property(o => o.Status).HasMaxLength(32);
        // The saga's status UPDATE expects the version it moves from (OrderStatusRecorder).
        builder.Property(o => o.StatusVersion).IsConcurrencyToken();
        builder.Property(o => o.CustomerEmail).HasMaxLength(254);
        builder.Property(o => o.CustomerName).HasMaxLength(200);
        builder.Property(o => o.PaymentMethod).HasMaxLength(100);
        builder.Property(o => o.Total).HasPrecision(12, 2);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.FailureReason).HasMaxLength(500);
        builder.Property(o => o.Carrier).HasMaxLength(100);
        builder.Property(o => o.TrackingNumber).HasMaxLength(100);
        builder.OwnsOne(o => o.ShippingAddress, address => address.ToJson());
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Timeline).WithOne().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
