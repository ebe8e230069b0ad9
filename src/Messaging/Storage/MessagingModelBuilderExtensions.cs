using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Storage;

public static class MessagingModelBuilderExtensions
{
    /// <summary>
    /// Adds the inbox, outbox and scheduler tables to a DbContext's model, so that they live in the
    /// same database as the application's state and commit in the same transactions.
    /// </summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<InboxState>(inbox =>
        {
            inbox.HasKey(i => i.Id);
            inbox.Property(i => i.Id).UseIdentityAlwaysColumn();
            inbox.HasAlternateKey(i => new { i.MessageId, i.ConsumerId });
            // Cleanup finds old rows by Received. Nothing queries Delivered, and an index on it would
            // keep the step's UPDATE of Consumed/Delivered from being heap-only (HOT).
            inbox.HasIndex(i => i.Received);
        });

        modelBuilder.Entity<OutboxState>(outbox =>
        {
            outbox.HasKey(o => o.OutboxId);
            outbox.HasIndex(o => o.Created);
            outbox.Property(o => o.LastError).HasMaxLength(2000);
        });

        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.HasKey(m => m.SequenceNumber);
            message.Property(m => m.SequenceNumber).UseIdentityAlwaysColumn();
            ConfigureStoredMessage(message);
            // Each kind of row is found by its own key; NULL keys never collide in a unique index.
            message.HasIndex(m => new { m.OutboxId, m.SequenceNumber }).IsUnique();
            message.HasIndex(m => new { m.InboxMessageId, m.InboxConsumerId, m.SequenceNumber }).IsUnique();
            message.HasOne<OutboxState>().WithMany().HasForeignKey(m => m.OutboxId).OnDelete(DeleteBehavior.Cascade);
            message.HasOne<InboxState>().WithMany().HasForeignKey(m => new { m.InboxMessageId, m.InboxConsumerId })
                .HasPrincipalKey(i => new { i.MessageId, i.ConsumerId }).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ScheduledDelivery>(scheduled =>
        {
            scheduled.HasKey(s => s.TokenId);
            ConfigureStoredMessage(scheduled);
            scheduled.HasIndex(s => s.DeliverAt);
        });

        return modelBuilder;
    }

    private static void ConfigureStoredMessage<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> builder)
        where T : StoredMessage
    {
        builder.Property(m => m.ContentType).HasMaxLength(256);
        builder.Property(m => m.SourceAddress).HasMaxLength(256);
        builder.Property(m => m.DestinationAddress).HasMaxLength(256);
        builder.Property(m => m.ResponseAddress).HasMaxLength(256);
        builder.Property(m => m.FaultAddress).HasMaxLength(256);
    }
}
