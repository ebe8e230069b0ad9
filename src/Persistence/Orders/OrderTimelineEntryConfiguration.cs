using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Persistence.Orders;

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
