namespace Commerce.Operations.DeadLetters;

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
