namespace Commerce.Api.Ordering;

internal abstract record CheckoutOutcome
{
    public sealed record Accepted(Guid OrderId) : CheckoutOutcome;

    public sealed record KeyReused : CheckoutOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : CheckoutOutcome;
}
