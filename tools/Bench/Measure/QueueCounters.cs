using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Commerce.LocalSystem;

namespace Commerce.Bench.Measure;

/// <summary>
/// Per-queue totals of a virtual host from RabbitMQ's management API: messages routed into each
/// queue and delivered from it since it was declared. Queues that delete themselves (every bus
/// instance's reply queue, named after its machine and process) are left out: their names differ
/// from run to run and nothing of an order's flow passes through them.
/// </summary>
public sealed class QueueCounters : IDisposable
{
    private readonly HttpClient _http;

    public QueueCounters(LocalServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _http = new HttpClient { BaseAddress = services.RabbitMqManagementUrl, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{services.RabbitMqManagementUsername}:{services.RabbitMqManagementPassword}")));
    }

    public async Task<IReadOnlyDictionary<string, QueueMessages>> ReadAsync(string virtualHost, CancellationToken cancellationToken)
    {
        var queues = await _http.GetFromJsonAsync<List<QueueRow>>(
            $"api/queues/{Uri.EscapeDataString(virtualHost)}?columns=name,auto_delete,message_stats.publish,message_stats.deliver_get",
            cancellationToken) ?? [];
        return queues
            .Where(q => !q.AutoDelete)
            .ToDictionary(q => q.Name, q => new QueueMessages(q.Stats?.Published ?? 0, q.Stats?.Delivered ?? 0), StringComparer.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private sealed record QueueRow(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("auto_delete")] bool AutoDelete,
        [property: JsonPropertyName("message_stats")] QueueStats? Stats);

    private sealed record QueueStats(
        [property: JsonPropertyName("publish")] long Published,
        [property: JsonPropertyName("deliver_get")] long Delivered);
}

/// <summary>Messages routed into one queue and delivered from it (redeliveries included).</summary>
public sealed record QueueMessages(long Published, long Delivered);
