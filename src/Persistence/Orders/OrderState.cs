using MassTransit;

namespace Commerce.Persistence.Orders;

/// <summary>
/// The checkout saga's instance (its state machine is in the Workers). It lives here, beside the
/// order, because saga state and the order's other rows commit in the same database.
/// </summary>
public class OrderState : SagaStateMachineInstance
{
    /// <summary>
    /// The saga's states it never leaves (the state machine's state names, and MassTransit's
    /// <c>Final</c>). A test in the Workers keeps this in step with the machine.
    /// </summary>
    public static readonly IReadOnlySet<string> TerminalStates = new HashSet<string>(StringComparer.Ordinal)
    {
        "OrderDelivered", "Rejected", "PaymentFailed", "Cancelled", "Final",
    };

    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    /// <summary>Bumped on every status change: the version of the order's status and timeline entry.</summary>
    public int Version { get; set; }

    public long AmountMinor { get; set; }

    public string Currency { get; set; } = "USD";

    public string PaymentMethod { get; set; } = string.Empty;

    /// <summary>The one payment the saga asked for: a capture for any other attempt is not ours.</summary>
    public Guid? PaymentAttemptId { get; set; }

    public string? PaymentIntentId { get; set; }

    public long CapturedAmountMinor { get; set; }

    public Guid? PaymentDeadlineToken { get; set; }

    public bool Shipped { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
}
