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

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines");
        builder.HasKey(l => new { l.OrderId, l.LineNumber });
        builder.Property(l => l.Sku).HasMaxLength(64);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.UnitPrice).HasPrecision(12, 2);
        builder.Property(l => l.LineTotal).HasPrecision(12, 2);
        builder.ToTable(t => t.HasCheckConstraint("ck_order_lines_quantity_positive", "quantity > 0"));
    }
}

internal sealed class OrderTimelineEntryConfiguration : IEntityTypeConfiguration<OrderTimelineEntry>
{
    public void Configure(EntityTypeBuilder<OrderTimelineEntry> builder)
    {
        // The key is the saga's version: a redelivered status event cannot add a second entry.
        builder.ToTable("order_timeline");
        builder.HasKey(t => new { t.OrderId, t.Version });
        builder.Property(t => t.Status).HasMaxLength(32);
        builder.Property(t => t.Detail).HasMaxLength(500);
    }
}
