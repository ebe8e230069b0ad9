namespace Commerce.Workers.Fulfillment;

/// <summary>The warehouse refused the request (4xx other than 408/429): retrying it unchanged will not help.</summary>
public sealed class WarehouseRejectedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
