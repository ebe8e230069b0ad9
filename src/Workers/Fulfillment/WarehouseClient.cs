using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Commerce.Workers.Integrations;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Commerce.Workers.Fulfillment;

/// <summary>
/// <see cref="IWarehouseClient"/> on a typed <see cref="HttpClient"/> (base address, key, the
/// standard resilience handler and the host guard are set up in <see cref="FulfillmentRegistration.AddFulfillment"/>).
/// <c>POST /warehouse/v1/fulfillments</c> with the request id the warehouse de-duplicates by, so a
/// retry returns the first fulfilment. Transient failures surface as <see cref="WarehouseUnavailableException"/>
/// once the handler's retries are spent; a request the warehouse refuses (4xx) as <see cref="WarehouseRejectedException"/>.
/// Either is reported by its status code only, never with the warehouse's error body: it can echo
/// the shipping address, and exception messages travel on into MassTransit's logs and dead-letter
/// headers (reliability plan S12).
/// </summary>
public sealed partial class WarehouseClient(HttpClient http, ILogger<WarehouseClient> logger) : IWarehouseClient
{
    private static readonly Uri FulfillmentsPath = new("warehouse/v1/fulfillments", UriKind.Relative);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> RequestFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new WarehouseFulfillmentBody(
            request.OrderId.ToString("D"),
            request.RequestId,
            [.. request.Lines.Select(l => new WarehouseLine(l.Sku, l.Quantity))],
            new WarehouseAddress(request.Address.Name, request.Address.Line1, request.Address.Line2, request.Address.City, request.Address.PostalCode, request.Address.Country));

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(FulfillmentsPath, body, Json, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransient(e))
        {
            LogUnavailable(logger, e, request.OrderId);
            throw new WarehouseUnavailableException($"The warehouse could not take the fulfilment of order {request.OrderId:D} now: {e.Message}", e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var accepted = await response.Content.ReadFromJsonAsync<WarehouseAccepted>(Json, cancellationToken);
                return accepted?.FulfillmentId is { Length: > 0 } id
                    ? id
                    : throw new WarehouseUnavailableException($"The warehouse answered {(int)response.StatusCode} without a fulfillmentId for order {request.OrderId:D}.");
            }

            if (IsTransientStatus(response.StatusCode))
            {
                throw new WarehouseUnavailableException($"The warehouse answered {(int)response.StatusCode} for order {request.OrderId:D}.");
            }

            LogRejected(logger, request.OrderId, (int)response.StatusCode);
            throw new WarehouseRejectedException((int)response.StatusCode, $"The warehouse refused the fulfilment of order {request.OrderId:D} with {(int)response.StatusCode}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warehouse is unavailable for the fulfilment of order {OrderId}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, Guid orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The warehouse refused the fulfilment of order {OrderId} with {StatusCode}")]
    private static partial void LogRejected(ILogger logger, Guid orderId, int statusCode);

    private static bool IsTransient(Exception e) =>
        e is TimeoutRejectedException or BrokenCircuitException || ProviderPipeline.IsTransportFailure(e);

    private static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>Sets the base address and key of the typed client from the options.</summary>
    internal static void Configure(HttpClient http, WarehouseOptions options)
    {
        http.BaseAddress = options.BaseUrl;
        if (options.ApiKey is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    // The warehouse's wire format (camelCase), declared here rather than shared with the sandbox.
    private sealed record WarehouseFulfillmentBody(string OrderId, string RequestId, IReadOnlyList<WarehouseLine> Lines, WarehouseAddress ShippingAddress);

    private sealed record WarehouseLine(string Sku, int Quantity);

    private sealed record WarehouseAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

    private sealed record WarehouseAccepted(string? FulfillmentId);
}
