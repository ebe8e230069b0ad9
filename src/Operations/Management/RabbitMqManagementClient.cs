using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace Commerce.Operations.Management;

/// <summary>The calls of RabbitMQ's management HTTP API that ops tooling and the tests need.</summary>
public sealed class RabbitMqManagementClient : IDisposable
{
    private readonly HttpClient _http;

    public RabbitMqManagementClient(Uri baseAddress, string username, string password)
    {
        // It sends the broker's credentials: an answer pointing elsewhere is an error, never followed (S8).
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    public async Task<IReadOnlyList<QueueInfo>> GetQueuesAsync(string virtualHost, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<List<QueueInfo>>($"api/queues/{Uri.EscapeDataString(virtualHost)}", cancellationToken) ?? [];

    /// <summary>Creates a virtual host and gives each of <paramref name="users"/> full rights in it (needs an administrator).</summary>
    public async Task CreateVirtualHostAsync(string virtualHost, IReadOnlyCollection<string> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var name = Uri.EscapeDataString(virtualHost);
        using (var created = await _http.PutAsJsonAsync($"api/vhosts/{name}", new { }, cancellationToken))
        {
            created.EnsureSuccessStatusCode();
        }

        foreach (var user in users)
        {
            await GrantAsync(virtualHost, user, cancellationToken);
        }
    }

    /// <summary>Gives <paramref name="user"/> full rights in <paramref name="virtualHost"/> (needs an administrator).</summary>
    public async Task GrantAsync(string virtualHost, string user, CancellationToken cancellationToken)
    {
        using var permitted = await _http.PutAsJsonAsync(
            $"api/permissions/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" },
            cancellationToken);
        permitted.EnsureSuccessStatusCode();
    }

    /// <summary>Creates or updates a user; <paramref name="tags"/> is the broker's comma-separated list, empty for none (needs an administrator).</summary>
    public async Task PutUserAsync(string user, string password, string tags, CancellationToken cancellationToken)
    {
        using var response = await _http.PutAsJsonAsync($"api/users/{Uri.EscapeDataString(user)}", new { password, tags }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Deletes a user, if it exists (needs an administrator).</summary>
    public async Task DeleteUserAsync(string user, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync($"api/users/{Uri.EscapeDataString(user)}", cancellationToken);
    }

    public async Task DeleteVirtualHostAsync(string virtualHost, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(virtualHost)}", cancellationToken);
    }

    /// <summary>
    /// Reads up to <paramref name="count"/> messages from the head of a queue and puts them back
    /// (<c>ackmode: ack_requeue_true</c>): nothing is removed, the messages stay visible in the UI.
    /// </summary>
    /// <summary>Up to <paramref name="count"/> messages, left in the queue; the broker cuts each payload to <paramref name="truncateBytes"/>.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string virtualHost, string queue, int count, int truncateBytes, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            $"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = truncateBytes },
            cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<PeekedMessage>>(cancellationToken) ?? [];
    }

    /// <summary>The virtual host's totals since it was created: messages published and delivered to consumers.</summary>
    /// <remarks>
    /// Read from the list of virtual hosts, not <c>api/vhosts/{name}</c>: that one answers administrators only,
    /// the list also a <c>management</c> user (the hosts it has permissions on).
    /// </remarks>
    public async Task<MessageTotals> GetMessageTotalsAsync(string virtualHost, CancellationToken cancellationToken)
    {
        var vhosts = await _http.GetFromJsonAsync<List<VirtualHostInfo>>("api/vhosts?columns=name,message_stats", cancellationToken) ?? [];
        return vhosts.FirstOrDefault(v => v.Name == virtualHost)?.Stats ?? new MessageTotals(0, 0);
    }

    public void Dispose() => _http.Dispose();

    private sealed record VirtualHostInfo(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("message_stats")] MessageTotals? Stats);
}
