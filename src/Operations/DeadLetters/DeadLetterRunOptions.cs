namespace Commerce.Operations.DeadLetters;

/// <summary>Options of a retry or discard run.</summary>
public sealed class DeadLetterRunOptions
{
    /// <summary>
    /// The rate a retry runs at unless told otherwise, from the CLI and the Api alike: the
    /// consumers take the replayed messages on top of their live traffic, and a queue of
    /// thousands moved at once would arrive as a burst.
    /// </summary>
    public const double DefaultRetryRatePerSecond = 50;

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
