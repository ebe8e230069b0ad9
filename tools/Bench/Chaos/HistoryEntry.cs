using Commerce.Bench.Load;

namespace Commerce.Bench.Chaos;

/// <summary>
/// One logical checkout of the chaos run's history: its idempotency key, what it asked for, every
/// HTTP status it saw while retrying, and how it ended (accepted, refused, or unknown).
/// </summary>
public sealed record HistoryEntry(string Key, Guid ProductId, string PaymentMethod, CheckoutResult Result, Guid? OrderId, IReadOnlyList<int> Statuses);

/// <summary>A shopper's app that retries an unanswered or 5xx checkout with the same key, as the API contract asks.</summary>
public sealed class RetryingCheckout(IReadOnlyList<Shopper> shoppers)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public async Task<HistoryEntry> RunAsync(int index, Guid productId, string paymentMethod, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString();
        var shopper = shoppers[index % shoppers.Count];
        var statuses = new List<int>();
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            var outcome = await shopper.CheckoutAsync(productId, key, paymentMethod, cancellationToken);
            statuses.Add(outcome.Status);
            var retry = outcome.Result == CheckoutResult.Unknown || outcome.Status is >= 500 or 429 or 408;
            if (!retry || DateTime.UtcNow > deadline)
            {
                return new HistoryEntry(key, productId, paymentMethod, outcome.Result, outcome.OrderId, statuses);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
