using Commerce.Contracts.Fulfillment;
using MassTransit;

namespace Commerce.Bench.SameFlow.Twins;

/// <summary>request-fulfillment without the warehouse's HTTP call: the <see cref="WarehouseTwin"/> takes the parcel.</summary>
public sealed class RequestFulfillmentTwin(WarehouseTwin warehouse) : IConsumer<RequestFulfillment>
{
    public Task Consume(ConsumeContext<RequestFulfillment> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        warehouse.Accept(context.Message.OrderId);
        return Task.CompletedTask;
    }
}
