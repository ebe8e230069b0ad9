namespace Commerce.Workers.Tests.Integrations.Support;

// The sandbox's /sandbox records as a test reads them, declared from the wire format.

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
    string? EventId);

public sealed record FulfillmentRecord(string FulfillmentId, string RequestId, string OrderId, string Status);
