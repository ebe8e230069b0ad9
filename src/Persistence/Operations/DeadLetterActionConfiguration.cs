using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Persistence.Operations;

internal sealed class DeadLetterActionConfiguration : IEntityTypeConfiguration<DeadLetterAction>
{
    public void Configure(EntityTypeBuilder<DeadLetterAction> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(320);
        builder.Property(a => a.Action).HasMaxLength(16);
        builder.Property(a => a.Queue).HasMaxLength(255);
        builder.Property(a => a.Outcome).HasMaxLength(DeadLetterAction.MaxOutcomeLength);
        builder.HasIndex(a => a.At);
    }
}
