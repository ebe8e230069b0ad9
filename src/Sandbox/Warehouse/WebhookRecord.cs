namespace Commerce.Sandbox.Warehouse;

/// <summary>One event and its deliveries: <see cref="Deliveries"/> counts 2xx answers (more than one when copies are sent).</summary>
internal sealed record WebhookRecord(
    string EventId,
    string Type,
    DateTimeOffset OccurredAt,
    int Attempts,
    int Deliveries,
    DateTimeOffset? LastDeliveredAt,
    int? LastStatusCode,
    string? LastError);
