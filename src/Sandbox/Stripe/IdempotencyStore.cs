using Commerce.Sandbox.Faults;

namespace Commerce.Sandbox.Stripe;

/// <summary>
/// Stripe's idempotency rules (docs.stripe.com/api/idempotent_requests): keys belong to an API key,
/// the first result is kept and replayed, reuse with other parameters is an error, and keys are
/// pruned after 24 hours. All under one lock: claims are rare and short.
/// </summary>
internal sealed class IdempotencyStore(TimeProvider time) : IResettable
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string ApiKey, string Key), Entry> _entries = [];
    private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;

    public IdempotencyClaim Claim(string apiKey, string key, string fingerprint)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Prune(now);
            if (_entries.TryGetValue((apiKey, key), out var entry) && now - entry.CreatedAt < Retention)
            {
                if (!string.Equals(entry.Fingerprint, fingerprint, StringComparison.Ordinal))
                {
                    return new(ClaimOutcome.Mismatch);
                }

                return entry.Response is null ? new(ClaimOutcome.InProgress) : new(ClaimOutcome.Replay, entry.Response);
            }

            _entries[(apiKey, key)] = new Entry(fingerprint, now, null);
            return new(ClaimOutcome.Claimed);
        }
    }

    public void Complete(string apiKey, string key, StoredResponse response)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((apiKey, key), out var entry))
            {
                _entries[(apiKey, key)] = entry with { Response = response };
            }
        }
    }

    /// <summary>Forgets a claim whose request was not stored (failed validation, or threw), so the key can be used again.</summary>
    public void Release(string apiKey, string key)
    {
        lock (_gate)
        {
            _entries.Remove((apiKey, key));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (now - _lastPruned < PruneEvery)
        {
            return;
        }

        _lastPruned = now;
        foreach (var expired in _entries.Where(e => now - e.Value.CreatedAt >= Retention).Select(e => e.Key).ToList())
        {
            _entries.Remove(expired);
        }
    }

    private sealed record Entry(string Fingerprint, DateTimeOffset CreatedAt, StoredResponse? Response);
}
