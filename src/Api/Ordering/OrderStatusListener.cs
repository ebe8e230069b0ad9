using Commerce.Persistence.Configuration;
using Commerce.Persistence.Orders;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Api.Ordering;

/// <summary>
/// Listens on <see cref="OrderStatusNotifications.Channel"/> on a connection of its own (outside
/// the pool: LISTEN is session state) and hands each order id to the
/// <see cref="OrderStatusBroadcaster"/>. PostgreSQL sends every notification to every listening
/// session, so every Api instance hears every change. After the connection is lost, it connects
/// again and has every stream read again, so a change committed in between is not missed.
/// </summary>
internal sealed partial class OrderStatusListener(IOptions<PostgresOptions> options, OrderStatusBroadcaster broadcaster, ILogger<OrderStatusListener> logger) : BackgroundService
{
    /// <summary>How the listening session shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "commerce-order-status-listener";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(options.Value.EffectiveConnectionString())
        {
            Pooling = false,
            ApplicationName = ApplicationName,
            // Idle connections are probed, so one that died silently is noticed and replaced.
            KeepAlive = 10,
        }.ConnectionString;
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, () => retry = FirstRetry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                LogLost(e.Message, retry.TotalMilliseconds);
                await Task.Delay(retry, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private async Task ListenAsync(string connectionString, Action connected, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var orderId))
            {
                broadcaster.Changed(orderId);
            }
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {OrderStatusNotifications.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        connected();
        broadcaster.ChangedAll();
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Order status notifications lost ({Reason}); listening again in {RetryMs} ms")]
    private partial void LogLost(string reason, double retryMs);
}
