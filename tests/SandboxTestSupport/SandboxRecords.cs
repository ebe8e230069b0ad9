namespace Commerce.SandboxTestSupport;

// The sandbox's /sandbox records as a test reads them: declared here from the wire format, not
// borrowed from the sandbox, so a change to what it answers shows up as a failing test.

public sealed record PaymentIntentRecord(
    string Id,
    string? OrderId,
    long Amount,
    long AmountReceived,
    long AmountRefunded,
    string Currency,
    string Status,
    string? PaymentMethod,
    string? DeclineCode,
    string? IdempotencyKey,
    IReadOnlyDictionary<string, string> Metadata);

public sealed record RefundRecord(string Id, string? OrderId, string PaymentIntent, long Amount, string Status, string? IdempotencyKey);

public sealed record MailRecord(
    string MessageId,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyList<string> Categories,
    string? OrderId,
    string? EventId,
    string? OrderNumber);

public sealed record FulfillmentRecord(
    string FulfillmentId,
    string RequestId,
    string OrderId,
    string Carrier,
    string TrackingNumber,
    string Status,
    IReadOnlyList<WebhookRecord> Webhooks);

public sealed record WebhookRecord(string EventId, string Type, int Attempts, int Deliveries, int? LastStatusCode);

public sealed record FulfillmentAccepted(string FulfillmentId);
