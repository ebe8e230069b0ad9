namespace Commerce.Sandbox.Warehouse;

/// <summary>The settings as <c>GET /sandbox/warehouse/settings</c> shows them; the secret stays out.</summary>
internal sealed record WarehouseSettingsView(double DispatchAfterSeconds, double DeliverAfterSeconds, Uri WebhookUrl, int WebhookCopies)
{
    public static WarehouseSettingsView From(WarehouseConfig c) =>
        new(c.DispatchAfter.TotalSeconds, c.DeliverAfter.TotalSeconds, c.WebhookUrl, c.WebhookCopies);
}
