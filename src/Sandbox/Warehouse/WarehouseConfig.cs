namespace Commerce.Sandbox.Warehouse;

/// <summary>The warehouse's settings as they are now: start-up options, then any change made over HTTP.</summary>
internal sealed record WarehouseConfig(TimeSpan DispatchAfter, TimeSpan DeliverAfter, Uri WebhookUrl, string WebhookSecret, int WebhookCopies);
