namespace Commerce.Sandbox.Warehouse;

/// <summary>
/// The warehouse's start-up settings, section <c>Sandbox:Warehouse</c>:
/// <code>
/// "Sandbox": { "Warehouse": { "DispatchAfter": "00:00:02", "DeliverAfter": "00:00:04",
///   "WebhookUrl": "http://localhost:8080/api/v1/webhooks/warehouse", "WebhookSecret": "…" } }
/// </code>
/// The delays, URL and secret can be changed while running (<c>PUT /sandbox/warehouse/settings</c>).
/// </summary>
internal sealed class WarehouseOptions
{
    public const string Section = "Sandbox:Warehouse";

    /// <summary>From acceptance to the <c>shipment.dispatched</c> event.</summary>
    public TimeSpan DispatchAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>From acceptance (not from dispatch) to <c>shipment.delivered</c>; shorter than <see cref="DispatchAfter"/> sends them out of order.</summary>
    public TimeSpan DeliverAfter { get; set; } = TimeSpan.FromSeconds(4);

    public Uri WebhookUrl { get; set; } = new("http://localhost:8080/api/v1/webhooks/warehouse");

    /// <summary>A local-development value; the Api's own setting must match it.</summary>
    public string WebhookSecret { get; set; } = "whsec-sandbox-local-dev-only";

    /// <summary>The first retry's delay when the Api does not answer 2xx; it doubles up to <see cref="MaxRetryAfter"/>.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate()
    {
        if (DispatchAfter < TimeSpan.Zero || DeliverAfter < TimeSpan.Zero)
        {
            yield return "DispatchAfter and DeliverAfter must not be negative";
        }

        if (!WebhookUrl.IsAbsoluteUri || WebhookUrl.Scheme is not ("http" or "https"))
        {
            yield return "WebhookUrl must be an absolute http(s) URL";
        }

        if (string.IsNullOrEmpty(WebhookSecret))
        {
            yield return "WebhookSecret is required";
        }

        if (RetryAfter <= TimeSpan.Zero || MaxRetryAfter < RetryAfter)
        {
            yield return "RetryAfter must be positive and at most MaxRetryAfter";
        }
    }
}
