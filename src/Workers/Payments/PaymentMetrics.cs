using System.Diagnostics.Metrics;
using Commerce.ServiceDefaults;

namespace Commerce.Workers.Payments;

/// <summary><c>commerce.payments.declined</c>: payments the provider declined, by its decline <c>code</c>; a redelivered charge declined again counts again.</summary>
public sealed class PaymentMetrics(IMeterFactory meters)
{
    private readonly CommerceCounter _declined = new(meters, "payments.declined", "{payment}", "Payments the provider declined, by decline code");

    public void Declined(string code) => _declined.Add(("code", code));
}
