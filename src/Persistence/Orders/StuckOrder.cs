namespace Commerce.Persistence.Orders;

/// <summary>
/// An order whose saga is not in a terminal state and whose status has not changed for a while.
/// <see cref="State"/> is the saga's state (<see cref="StuckOrders.NotStarted"/> when the saga never
/// received the order), <see cref="Status"/> the status clients see, <see cref="Since"/> the order's
/// last status change.
/// </summary>
public sealed record StuckOrder(Guid OrderId, string State, string Status, DateTimeOffset Since, double AgeSeconds, Guid CustomerId, decimal Total, string Currency);
