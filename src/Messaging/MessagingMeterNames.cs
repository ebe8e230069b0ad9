namespace Commerce.Messaging;

/// <summary>
/// The meter <see cref="MessagingMetrics"/> publishes on and the prefix of its instrument names
/// (<c>{prefix}.outbox.delivered</c>, …): the host's, passed in with
/// <see cref="Configuration.PostgresOutboxConfigurator{TDbContext}.UseMeter"/>.
/// </summary>
public sealed record MessagingMeterNames(string MeterName, string InstrumentPrefix)
{
    /// <summary>What a host that names none gets.</summary>
    public static readonly MessagingMeterNames Default = new("Messaging.Postgres", "messaging");
}
