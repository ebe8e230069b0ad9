using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace Commerce.Cli;

/// <summary>The few calls of RabbitMQ's management HTTP API the CLI needs.</summary>
internal sealed class RabbitMqManagementClient : IDisposable
{
    private readonly HttpClient _http;

    public RabbitMqManagementClient(Uri baseAddress, string username, string password)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    public async Task<IReadOnlyList<QueueInfo>> GetQueuesAsync(string virtualHost, CancellationToken ct) =>
        await _http.GetFromJsonAsync<List<QueueInfo>>($"api/queues/{Uri.EscapeDataString(virtualHost)}", ct) ?? [];

    public void Dispose() => _http.Dispose();
}

internal sealed record QueueInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("messages_ready")] long MessagesReady,
    [property: JsonPropertyName("messages_unacknowledged")] long MessagesUnacknowledged,
    [property: JsonPropertyName("consumers")] int Consumers);
