namespace Commerce.Operations.DeadLetters;

/// <summary>
/// A dead-lettered message with the fault details MassTransit put in its <c>MT-Fault-*</c> headers.
/// <see cref="Body"/> holds at most <see cref="MaxBodyBytes"/> bytes of it: <see cref="BodyBytes"/>
/// is the whole body's size and <see cref="BodyTruncated"/> says when the rest was cut off.
/// </summary>
public sealed record DeadLetterMessage(
    string? MessageId,
    string? MessageType,
    string? ExceptionType,
    string? ExceptionMessage,
    string? Consumer,
    DateTimeOffset? FaultedAt,
    int RetryCount,
    int ReplayCount,
    string Body,
    int BodyBytes,
    bool BodyTruncated)
{
    /// <summary>Enough for any message this system sends; a peek of 1000 huge bodies stays about 16 MB.</summary>
    public const int MaxBodyBytes = 16 * 1024;
}
