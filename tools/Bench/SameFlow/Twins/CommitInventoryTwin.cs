using Commerce.Contracts.Inventory;
using MassTransit;

namespace Commerce.Bench.SameFlow.Twins;

/// <summary>commit-inventory without the database; the real one publishes nothing either.</summary>
public sealed class CommitInventoryTwin : IConsumer<CommitInventory>
{
    public Task Consume(ConsumeContext<CommitInventory> context) => Task.CompletedTask;
}
