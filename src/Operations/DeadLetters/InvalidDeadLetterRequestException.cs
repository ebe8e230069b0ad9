namespace Commerce.Operations.DeadLetters;

/// <summary>The queue name is not an <c>_error</c> queue, or the selection is invalid.</summary>
public sealed class InvalidDeadLetterRequestException(string message) : Exception(message);
