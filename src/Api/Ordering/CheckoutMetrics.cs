using System.Diagnostics.Metrics;
using Commerce.ServiceDefaults;

namespace Commerce.Api.Ordering;

/// <summary>
/// <c>commerce.checkouts</c>: every checkout answered, by <c>outcome</c> (<c>accepted</c>,
/// <c>refused</c>) and, when refused, <c>reason</c> (<c>invalid</c>, <c>key_reused</c>,
/// <c>unavailable</c>): the business rate the dashboard and the alerts read.
/// </summary>
internal sealed class CheckoutMetrics(IMeterFactory meters)
{
    private readonly CommerceCounter _checkouts = new(meters, "checkouts", "{checkout}", "Checkouts answered, by outcome and refusal reason");

    public void Accepted() => _checkouts.Add(("outcome", "accepted"));

    public void Refused(string reason) => _checkouts.Add(("outcome", "refused"), ("reason", reason));
}
