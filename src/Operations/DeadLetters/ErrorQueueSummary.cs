namespace Commerce.Operations.DeadLetters;

/// <summary>An <c>_error</c> queue and how many messages wait in it.</summary>
public sealed record ErrorQueueSummary(string Queue, long Count);
