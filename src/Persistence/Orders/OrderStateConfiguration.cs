using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Persistence.Orders;

internal sealed class OrderStateConfiguration : IEntityTypeConfiguration<OrderState>
{
    public void Configure(EntityTypeBuilder<OrderState> builder)
    {
        builder.HasKey(s => s.CorrelationId);
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.PaymentMethod).HasMaxLength(100);
        builder.Property(s => s.PaymentIntentId).HasMaxLength(100);
        // No index on CurrentState: every step changes it, and an index on a changed column makes
        // each saga UPDATE write new index entries instead of a heap-only (HOT) tuple.
    }
}
