using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Commerce.Bench.Hosting;
using Commerce.Operations.DeadLetters;
using Npgsql;
using Commerce.LocalSystem;

namespace Commerce.Bench.Chaos;

/// <summary>
/// Everything the checker looks at, read once at quiescence straight from the stores (plain SQL and
/// the sandbox's records, not the system's own code, so a bug there cannot hide itself).
/// </summary>
public sealed record Observed(
    IReadOnlyList<ObservedOrder> Orders,
    IReadOnlyList<ObservedStock> Stock,
    IReadOnlyList<ObservedPaymentIntent> PaymentIntents,
    IReadOnlyList<ObservedMail> Mail,
    IReadOnlyList<ObservedFulfillment> Fulfillments,
    long QueuedMessages,
    long DeadLetters,
    long OutboxRows,
    long OverdueScheduled,
    long OpenSagas)
{
    public static readonly string[] TerminalStatuses = ["Delivered", "Rejected", "PaymentFailed", "Cancelled"];

    public static async Task<Observed> ReadAsync(SystemUnderTest system, HttpClient sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(sandbox);
        await using var connection = new NpgsqlConnection(system.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var orders = await QueryAsync(connection, """
            SELECT o.id, o.idempotency_key, o.status, o.total,
                   (SELECT count(*) FROM order_timeline t WHERE t.order_id = o.id AND t.status = ANY(@terminal)),
                   EXISTS (SELECT 1 FROM order_timeline t WHERE t.order_id = o.id AND t.status = 'Confirmed')
            FROM orders o
            """, r => new ObservedOrder(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetDecimal(3), r.GetInt64(4), r.GetBoolean(5)), cancellationToken);
        var stock = await QueryAsync(connection, "SELECT id, available, reserved, sold FROM products", r => new ObservedStock(r.GetGuid(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)), cancellationToken);
        var outbox = await ScalarAsync(connection, "SELECT count(*) FROM outbox_message", cancellationToken);
        var overdue = await ScalarAsync(connection, "SELECT count(*) FROM scheduled_delivery WHERE deliver_at < now() - interval '30 seconds'", cancellationToken);
        var openSagas = await ScalarAsync(connection, "SELECT count(*) FROM order_states WHERE current_state NOT IN ('OrderDelivered', 'Rejected', 'PaymentFailed', 'Cancelled')", cancellationToken);

        using var management = LocalServices.Current.CreateManagementClient();
        var queues = await management.GetQueuesAsync(system.Name, cancellationToken);
        return new Observed(
            orders,
            stock,
            await sandbox.GetFromJsonAsync<List<ObservedPaymentIntent>>(new Uri("sandbox/stripe/payment-intents", UriKind.Relative), cancellationToken) ?? [],
            await sandbox.GetFromJsonAsync<List<ObservedMail>>(new Uri("sandbox/mail", UriKind.Relative), cancellationToken) ?? [],
            await sandbox.GetFromJsonAsync<List<ObservedFulfillment>>(new Uri("sandbox/warehouse/fulfillments", UriKind.Relative), cancellationToken) ?? [],
            queues.Where(q => !q.Name.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal)).Sum(q => q.Messages),
            queues.Where(q => q.Name.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal)).Sum(q => q.Messages),
            outbox,
            overdue,
            openSagas);
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("terminal", TerminalStatuses);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }
}

public sealed record ObservedOrder(Guid Id, string IdempotencyKey, string Status, decimal Total, long TerminalEntries, bool WasConfirmed);

public sealed record ObservedStock(Guid ProductId, int Available, int Reserved, int Sold);

public sealed record ObservedPaymentIntent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("orderId")] string? OrderId,
    [property: JsonPropertyName("amountReceived")] long AmountReceived,
    [property: JsonPropertyName("amountRefunded")] long AmountRefunded,
    [property: JsonPropertyName("status")] string Status);

public sealed record ObservedMail([property: JsonPropertyName("customArgs")] Dictionary<string, string> CustomArgs)
{
    public string? OrderId => CustomArgs.GetValueOrDefault("order_id");

    public string? EventType => CustomArgs.GetValueOrDefault("event_type");
}

public sealed record ObservedFulfillment([property: JsonPropertyName("orderId")] string OrderId);
