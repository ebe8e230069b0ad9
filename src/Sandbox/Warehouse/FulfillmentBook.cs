using System.Security.Cryptography;
using Commerce.Sandbox.Faults;

namespace Commerce.Sandbox.Warehouse;

/// <summary>Every fulfilment the warehouse accepted, by id and by request id, under one lock.</summary>
internal sealed class FulfillmentBook : IResettable
{
    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, Fulfillment> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByRequest = new(StringComparer.Ordinal);

    /// <summary>Accepts a request once: a repeated request id returns the first fulfilment and <c>Created = false</c>.</summary>
    public (Fulfillment Fulfillment, bool Created) Accept(FulfillmentRequest request, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_idByRequest.TryGetValue(request.RequestId!, out var existing))
            {
                return (_byId[existing], false);
            }

            var fulfillment = new Fulfillment(
                "ful_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
                request.RequestId!,
                request.OrderId!,
                request.Lines!,
                request.ShippingAddress!.Value,
                "SandboxPost",
                "SBX" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "accepted",
                now,
                null,
                null,
                []);
            _byId[fulfillment.FulfillmentId] = fulfillment;
            _idByRequest[fulfillment.RequestId] = fulfillment.FulfillmentId;
            return (fulfillment, true);
        }
    }

    public Fulfillment? Get(string fulfillmentId)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(fulfillmentId);
        }
    }

    public IReadOnlyList<Fulfillment> Find(string? orderId)
    {
        lock (_gate)
        {
            return [.. _byId.Values.Where(f => orderId is null || f.OrderId == orderId)];
        }
    }

    /// <summary>Records that the parcel moved; returns the event to send, or null when the fulfilment was reset away.</summary>
    public WarehouseEvent? Happened(string fulfillmentId, string type, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(fulfillmentId, out var f))
            {
                return null;
            }

            var e = new WarehouseEvent(Guid.NewGuid().ToString(), type, f.OrderId, f.Carrier, f.TrackingNumber, at);
            // Status never goes back: with DeliverAfter < DispatchAfter "delivered" comes first and stays.
            _byId[fulfillmentId] = type == WarehouseEvent.Dispatched
                ? f with { DispatchedAt = at, Status = f.DeliveredAt is null ? "dispatched" : f.Status, Webhooks = [.. f.Webhooks, new(e.EventId, type, at, 0, 0, null, null, null)] }
                : f with { DeliveredAt = at, Status = "delivered", Webhooks = [.. f.Webhooks, new(e.EventId, type, at, 0, 0, null, null, null)] };
            return e;
        }
    }

    /// <summary>Records one delivery attempt; false when the fulfilment is gone (reset), so the sender drops the event.</summary>
    public bool RecordAttempt(string fulfillmentId, string eventId, DateTimeOffset at, int? statusCode, string? error)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(fulfillmentId, out var f))
            {
                return false;
            }

            var delivered = statusCode is >= 200 and < 300;
            _byId[fulfillmentId] = f with
            {
                Webhooks = [.. f.Webhooks.Select(w => w.EventId != eventId ? w : w with
                {
                    Attempts = w.Attempts + 1,
                    Deliveries = w.Deliveries + (delivered ? 1 : 0),
                    LastDeliveredAt = delivered ? at : w.LastDeliveredAt,
                    LastStatusCode = statusCode,
                    LastError = error,
                })],
            };
            return true;
        }
    }

    public bool Contains(string fulfillmentId)
    {
        lock (_gate)
        {
            return _byId.ContainsKey(fulfillmentId);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byId.Clear();
            _idByRequest.Clear();
        }
    }
}
