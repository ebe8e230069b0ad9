namespace Commerce.Operations.DeadLetters;

/// <summary>How many messages an action moved, their ids, and how many remain in the <c>_error</c> queue.</summary>
public sealed record DeadLetterResult(int Moved, long Remaining, IReadOnlyList<string> MessageIds);
