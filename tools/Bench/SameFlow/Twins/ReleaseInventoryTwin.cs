using Commerce.Contracts.Inventory;
using MassTransit;

namespace Commerce.Bench.SameFlow.Twins;

/// <summary>release-inventory (compensation; not on the bench's happy path), publishing nothing like the real one.</summary>
public sealed class ReleaseInventoryTwin : IConsumer<ReleaseInventory>
{
    public Task Consume(ConsumeContext<ReleaseInventory> context) => Task.CompletedTask;
}
