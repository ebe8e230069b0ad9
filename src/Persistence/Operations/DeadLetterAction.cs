namespace Commerce.Persistence.Operations;

/// <summary>
/// One retry or discard of dead letters, from the admin API or the CLI: who, when, which queue,
/// which message ids and how it ended. Written for every action, also a failed one.
/// </summary>
public class DeadLetterAction
{
    public const string Retry = "retry";
    public const string Discard = "discard";

    internal const int MaxOutcomeLength = 1000;

    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The admin's email and id (API) or the operating-system user (CLI).</summary>
    public required string Actor { get; set; }

    /// <summary><see cref="Retry"/> or <see cref="Discard"/>.</summary>
    public required string Action { get; set; }

    public required string Queue { get; set; }

    public List<string> MessageIds { get; set; } = [];

    public int Count { get; set; }

    /// <summary><c>ok</c>, or <c>failed: …</c> with the reason (the ids then are those moved before it).</summary>
    public required string Outcome { get; set; }

    /// <summary>A new row with no ids yet (the audit trail appends them as messages move).</summary>
    public static DeadLetterAction Create(string actor, string action, string queue, string outcome, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(), At = at, Actor = actor, Action = action, Queue = queue, Outcome = FitOutcome(outcome) };

    /// <summary>The outcome cut to its column's 1,000 characters.</summary>
    public static string FitOutcome(string outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Length > MaxOutcomeLength ? outcome[..MaxOutcomeLength] : outcome;
    }
}
