namespace Commerce.Operations.DeadLetters;

/// <summary>A dead-lettered message with the fault details MassTransit put in its <c>MT-Fault-*</c> headers.</summary>
public sealed record DeadLetterMessage(
    string? MessageId,
    string? MessageType,
    string? ExceptionType,
    string? ExceptionMessage,
    string? Consumer,
    DateTimeOffset? FaultedAt,
    int RetryCount,
    int ReplayCount,
    string Body);
