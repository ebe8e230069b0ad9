using System.Diagnostics.Metrics;
using Commerce.Messaging.Maintenance;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Commerce.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Checkout;

/// <summary>
/// Counts the stuck orders (<see cref="StuckOrders"/>) on a timer into the <c>commerce.orders.stuck</c>
/// gauge, so a metrics scrape never waits on the database. Until the first count the gauge reports nothing.
/// </summary>
public sealed partial class StuckOrderSampler : PeriodicService
{
    public const string GaugeName = CommerceTelemetry.InstrumentPrefix + ".orders.stuck";

    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<StuckOrderOptions> _options;
    private readonly ILogger<StuckOrderSampler> _log;
    private long _stuck = -1;

    public StuckOrderSampler(IServiceScopeFactory scopes, IMeterFactory meters, IOptions<StuckOrderOptions> options, TimeProvider clock, ILogger<StuckOrderSampler> log)
        : base(clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        (_scopes, _options, _log) = (scopes, options, log);
        // The factory hands out the one "Commerce" meter, which it also disposes.
        meters.Create(CommerceTelemetry.MeterName).CreateObservableGauge(
            GaugeName,
            () => Volatile.Read(ref _stuck) is >= 0 and var stuck ? [new Measurement<long>(stuck)] : Array.Empty<Measurement<long>>(),
            "{order}",
            "Orders in a non-terminal saga state with no status change for longer than StuckOrders:Threshold");
    }

    protected override TimeSpan Interval => _options.Value.SampleInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => SampleAsync(cancellationToken);

    // The previous count stays; health checks report a database outage.
    protected override void OnPassFailed(Exception exception) => LogFailed(exception);

    public async Task<long> SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        long stuck = await StuckOrders.CountAsync(db, _options.Value.Threshold, Clock.GetUtcNow(), cancellationToken);
        Volatile.Write(ref _stuck, stuck);
        return stuck;
    }

    [LoggerMessage(LogLevel.Warning, "Counting stuck orders failed")]
    private partial void LogFailed(Exception e);
}
