namespace Commerce.Sandbox.Warehouse;

/// <summary>
/// The body of <c>PUT /sandbox/warehouse/settings</c>; omitted fields keep their value.
/// <c>webhookCopies</c> sends each event that many times, as a provider's duplicate deliveries would.
/// </summary>
internal sealed record WarehouseSettingsUpdate(
    double? DispatchAfterSeconds,
    double? DeliverAfterSeconds,
    string? WebhookUrl,
    string? WebhookSecret,
    int? WebhookCopies)
{
    private const double MaxDelaySeconds = 3600;
    private const int MaxCopies = 10;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckDelay(DispatchAfterSeconds, "dispatchAfterSeconds", errors);
        CheckDelay(DeliverAfterSeconds, "deliverAfterSeconds", errors);
        if (WebhookUrl is not null && ParseUrl(WebhookUrl) is null)
        {
            errors["webhookUrl"] = ["must be an absolute http(s) URL"];
        }

        if (WebhookSecret is { Length: 0 })
        {
            errors["webhookSecret"] = ["must not be empty"];
        }

        if (WebhookCopies is < 1 or > MaxCopies)
        {
            errors["webhookCopies"] = [$"must be between 1 and {MaxCopies}"];
        }

        return errors;
    }

    /// <summary>The settings with this update applied; call only when <see cref="Validate"/> found nothing.</summary>
    public WarehouseConfig ApplyTo(WarehouseConfig current) => current with
    {
        DispatchAfter = DispatchAfterSeconds is { } dispatch ? TimeSpan.FromSeconds(dispatch) : current.DispatchAfter,
        DeliverAfter = DeliverAfterSeconds is { } deliver ? TimeSpan.FromSeconds(deliver) : current.DeliverAfter,
        WebhookUrl = WebhookUrl is null ? current.WebhookUrl : ParseUrl(WebhookUrl)!,
        WebhookSecret = WebhookSecret ?? current.WebhookSecret,
        WebhookCopies = WebhookCopies ?? current.WebhookCopies,
    };

    private static Uri? ParseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private static void CheckDelay(double? seconds, string field, Dictionary<string, string[]> errors)
    {
        if (seconds is { } value && !(value is >= 0 and <= MaxDelaySeconds))
        {
            errors[field] = [$"must be between 0 and {MaxDelaySeconds}"];
        }
    }
}
