namespace Commerce.Persistence.Operations;

/// <summary>Who asks for a dead-letter move, which (<see cref="DeadLetterAction.Retry"/> or <see cref="DeadLetterAction.Discard"/>), on which queue, when.</summary>
public sealed record DeadLetterAuditEntry(string Actor, string Action, string Queue, DateTimeOffset At);
