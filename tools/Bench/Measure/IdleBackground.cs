using System.Globalization;

namespace Commerce.Bench.Measure;

/// <summary>
/// What a system spends with no orders at all, over a window after its warm-up: the outbox and
/// scheduler polls, the health and metrics scrapes, the bench's own reads. A step's
/// cost includes this background for its whole window, so at a low rate it dominates the figures
/// per order; <see cref="OrderCost.WithoutIdle"/> takes it out to leave what an order itself adds.
/// </summary>
public sealed record IdleBackground(OrderCost Window)
{
    public static IdleBackground Between(ResourceSnapshot before, ResourceSnapshot after) => new(OrderCost.Between(before, after, orders: 0));

    /// <summary>
    /// The one line <c>./commerce bench</c> prints per system, e.g.
    /// <c>idle background (commerce): 85 transactions/s, 90 statements/s, 120 round trips/s, 0 deliveries/s, 40 ms CPU/s over 15 s</c>.
    /// </summary>
    public string Line(string system) => string.Create(
        CultureInfo.InvariantCulture,
        $"idle background ({system}): {Rate(Window.Transactions)} transactions/s, {Rate(Window.Statements)} statements/s, {Rate(Window.RoundTrips)} round trips/s, {Rate(Window.Deliveries)} deliveries/s, {Rate(Window.CpuMilliseconds)} ms CPU/s over {Window.Seconds:0} s");

    private string Rate(double? total) => total is { } t ? (t / Math.Max(0.1, Window.Seconds)).ToString("0.#", CultureInfo.InvariantCulture) : "n/a";
}
