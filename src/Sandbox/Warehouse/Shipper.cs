namespace Commerce.Sandbox.Warehouse;

/// <summary>Moves an accepted parcel along: dispatched, then delivered, each after its configured delay from acceptance.</summary>
internal sealed class Shipper(FulfillmentBook book, WebhookQueue queue, WarehouseSettings settings, TimeProvider time)
{
    public void Start(Fulfillment fulfillment)
    {
        // The delays in force at acceptance apply, so changing them later does not move parcels already on their way.
        var config = settings.Current;
        queue.After(config.DispatchAfter, () => Happen(fulfillment.FulfillmentId, WarehouseEvent.Dispatched));
        queue.After(config.DeliverAfter, () => Happen(fulfillment.FulfillmentId, WarehouseEvent.Delivered));
    }

    private void Happen(string fulfillmentId, string type)
    {
        if (book.Happened(fulfillmentId, type, time.GetUtcNow()) is not { } e)
        {
            return;
        }

        // Copies share the event id, as a provider's redeliveries do: the receiver must act once.
        for (var copy = 0; copy < settings.Current.WebhookCopies; copy++)
        {
            queue.Send(new WebhookDelivery(fulfillmentId, e, Attempt: 1));
        }
    }
}
