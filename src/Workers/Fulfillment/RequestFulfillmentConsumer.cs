using Commerce.Contracts.Fulfillment;
using Commerce.Messaging.Outbox;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using MassTransit;

namespace Commerce.Workers.Fulfillment;

/// <summary>Hands a confirmed order to the warehouse; the order id is the warehouse's request id, so a retry asks once.</summary>
public sealed class RequestFulfillmentConsumer(CommerceDbContext db, IWarehouseClient warehouse) : IConsumer<RequestFulfillment>, IConsumesOutsideTransaction
{
    public async Task Consume(ConsumeContext<RequestFulfillment> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = await db.WithLinesAsync(context.Message.OrderId, context.CancellationToken);
        var address = order.ShippingAddress;
        // Nothing is published: the warehouse reports progress through its webhook.
        await warehouse.RequestFulfillmentAsync(
            new FulfillmentRequest(
                order.Id,
                order.Id.ToString("N"),
                [.. order.Lines.Select(l => new FulfillmentLine(l.Sku, l.Quantity))],
                new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country)),
            context.CancellationToken);
    }
}
