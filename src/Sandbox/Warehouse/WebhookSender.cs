using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Commerce.Sandbox.Warehouse;

/// <summary>
/// Posts the warehouse's signed events to the Api, one at a time in the order they became ready.
/// Anything but a 2xx is retried with doubling backoff and jitter, for as long as the sandbox runs
/// (until a reset), because a real provider keeps trying for days: the Api being down must cost
/// nothing but delay. Each attempt is signed afresh, so a late retry is not rejected as stale.
/// </summary>
internal sealed partial class WebhookSender(
    WebhookQueue queue,
    FulfillmentBook book,
    WarehouseSettings settings,
    IOptions<WarehouseOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "warehouse-webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var delivery in queue.Ready.ReadAllAsync(stoppingToken))
        {
            if (!book.Contains(delivery.FulfillmentId))
            {
                continue;
            }

            // A client per delivery is cheap (the factory pools handlers) and follows the factory's handler rotation.
            var (statusCode, error) = await PostAsync(httpClients.CreateClient(HttpClientName), delivery.Event, stoppingToken);
            if (!book.RecordAttempt(delivery.FulfillmentId, delivery.Event.EventId, time.GetUtcNow(), statusCode, error)
                || statusCode is >= 200 and < 300)
            {
                continue;
            }

            var backoff = Backoff(delivery.Attempt);
            LogRetry(delivery.Event.Type, delivery.Event.EventId, delivery.Attempt, statusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? error, backoff.TotalSeconds);
            queue.After(backoff, () => queue.Send(delivery with { Attempt = delivery.Attempt + 1 }));
        }
    }

    private async Task<(int? StatusCode, string? Error)> PostAsync(HttpClient client, WarehouseEvent e, CancellationToken stoppingToken)
    {
        var config = settings.Current;
        var body = JsonSerializer.Serialize(e, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, config.WebhookUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Create(config.WebhookSecret, time.GetUtcNow(), body));
        try
        {
            using var response = await client.SendAsync(request, stoppingToken);
            return ((int)response.StatusCode, null);
        }
        catch (HttpRequestException failed)
        {
            return (null, failed.Message);
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"no answer within {client.Timeout.TotalSeconds} s");
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var first = options.Value.RetryAfter;
        var doubled = first * Math.Pow(2, Math.Min(attempt - 1, 16));
        var capped = doubled < options.Value.MaxRetryAfter ? doubled : options.Value.MaxRetryAfter;
        // Up to 20 % jitter, so deliveries that failed together do not all come back together.
        return capped * (1 + (Random.Shared.NextDouble() * 0.2));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Type} {EventId} attempt {Attempt} failed ({Outcome}); retrying in {Seconds:0.#} s")]
    private partial void LogRetry(string type, string eventId, int attempt, string? outcome, double seconds);
}
