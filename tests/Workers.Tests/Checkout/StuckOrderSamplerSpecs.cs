using System.Diagnostics.Metrics;
using Commerce.LocalSystem;
using Commerce.Persistence.Orders;
using Commerce.ServiceDefaults;
using Commerce.Workers.Checkout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Tests.Checkout;

[TestFixture]
public sealed class StuckOrderSamplerSpecs
{
    private static readonly IOptions<StuckOrderOptions> Defaults = Options.Create(new StuckOrderOptions());

    [Test]
    public async Task The_stuck_orders_gauge_reports_the_last_count_and_nothing_before_the_first()
    {
        await using var database = await ThrowawayDatabase.CreateAsync("stuck_gauge");
        await TestOrders.SeedStuckScenarioAsync(database);
        await using var services = new ServiceCollection().AddMetrics().AddScoped(_ => database.CreateContext()).BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var gauge = new MetricCollector<long>(meters, CommerceTelemetry.MeterName, StuckOrderSampler.GaugeName);
        using var sampler = new StuckOrderSampler(
            services.GetRequiredService<IServiceScopeFactory>(), meters, Defaults, TimeProvider.System, NullLogger<StuckOrderSampler>.Instance);

        gauge.RecordObservableInstruments();
        var beforeFirstSample = gauge.GetMeasurementSnapshot().Count;
        var counted = await sampler.SampleAsync(CancellationToken.None);
        gauge.RecordObservableInstruments();

        Assert.Multiple(() =>
        {
            Assert.That(beforeFirstSample, Is.Zero);
            Assert.That(counted, Is.EqualTo(3));
            Assert.That(gauge.LastMeasurement?.Value, Is.EqualTo(3));
        });
    }
}
