using System.Globalization;
using System.Security.Cryptography;
using Commerce.Bench.Hosting;
using Commerce.Contracts.Fulfillment;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Bench.SameFlow.Twins;

/// <summary>
/// The sandbox warehouse and the Api's webhook in one: an accepted parcel is dispatched and then
/// delivered after the delays the bench gives the real sandbox (<see cref="BenchWarehouse"/>, from
/// acceptance), each event published as the Api's webhook publishes it.
/// </summary>
public sealed class WarehouseTwin(TimeProvider clock, IServiceProvider services, ILogger<WarehouseTwin> logger) : IDisposable
{
    private readonly InProcessTimers _timers = new(clock);

    public void Accept(Guid orderId)
    {
        var accepted = clock.GetUtcNow();
        var tracking = "SBX" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        _timers.Set(NewId.NextGuid(), accepted + BenchWarehouse.DispatchAfter, () => PublishAsync(new ShipmentDispatched(orderId, BenchWarehouse.Carrier, tracking, clock.GetUtcNow())));
        _timers.Set(NewId.NextGuid(), accepted + BenchWarehouse.DeliverAfter, () => PublishAsync(new ShipmentDelivered(orderId, BenchWarehouse.Carrier, tracking, clock.GetUtcNow())));
    }

    public void Dispose() => _timers.Dispose();

    private async Task PublishAsync<T>(T message)
        where T : class
    {
        try
        {
            await services.GetRequiredService<IBus>().Publish(message);
        }
#pragma warning disable CA1031 // a timer callback has no caller to throw to
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.TimerSendFailed(e, typeof(T).Name);
        }
    }
}
