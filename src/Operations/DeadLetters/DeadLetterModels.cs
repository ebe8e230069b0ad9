namespace Commerce.Operations.DeadLetters;

/// <summary>An <c>_error</c> queue and how many messages wait in it.</summary>
public sealed record ErrorQueueSummary(string Queue, long Count);

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

/// <summary>
/// Which messages of an <c>_error</c> queue an action takes: those with one of
/// <see cref="MessageIds"/> (when given), of <see cref="ExceptionType"/> (when given), at most
/// <see cref="Max"/> (when given); nothing given means every message.
/// </summary>
public sealed record DeadLetterSelection(IReadOnlyCollection<string>? MessageIds = null, string? ExceptionType = null, int? Max = null)
{
    public static readonly DeadLetterSelection All = new();

    /// <summary>True when every message up to <see cref="Max"/> is taken: no message is skipped.</summary>
    public bool TakesEveryMessage => MessageIds is not { Count: > 0 } && string.IsNullOrEmpty(ExceptionType);

    internal bool Matches(string? messageId, string? exceptionType) =>
        (MessageIds is not { Count: > 0 } || (messageId is not null && MessageIds.Contains(messageId, StringComparer.OrdinalIgnoreCase)))
        && (string.IsNullOrEmpty(ExceptionType) || string.Equals(ExceptionType, exceptionType, StringComparison.Ordinal));
}

/// <summary>How many messages an action moved, their ids, and how many remain in the <c>_error</c> queue.</summary>
public sealed record DeadLetterResult(int Moved, long Remaining, IReadOnlyList<string> MessageIds);

/// <summary>Options of a retry or discard run.</summary>
public sealed class DeadLetterRunOptions
{
    /// <summary>At most this many messages a second (none: as fast as the confirms come back).</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>
    /// Called with the ids of each batch once the broker confirmed their copies and before the
    /// originals are acknowledged off the <c>_error</c> queue: the write-ahead audit. When it
    /// throws, the batch is not acknowledged (its messages go back to <c>_error</c>) and the run stops.
    /// </summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task>? Recording { get; init; }

    /// <summary>Called with each message id once its move is confirmed, recorded and acknowledged (for progress).</summary>
    public Action<string>? Moved { get; init; }
}

/// <summary>The queue name is not an <c>_error</c> queue, or the selection is invalid.</summary>
public sealed class InvalidDeadLetterRequestException(string message) : Exception(message);
