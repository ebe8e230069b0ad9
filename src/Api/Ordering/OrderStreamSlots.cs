using Microsoft.Extensions.Options;

namespace Commerce.Api.Ordering;

/// <summary>
/// Counts the open streams of this Api instance, per user and in all, against
/// <see cref="OrderStreamOptions"/>. A user's count is removed when it falls to 0, so users who
/// once watched leave nothing behind.
/// </summary>
internal sealed class OrderStreamSlots(IOptions<OrderStreamOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, int> _perUser = [];
    private int _total;

    /// <summary>Users with at least one open stream.</summary>
    internal int UsersWatching
    {
        get
        {
            lock (_gate)
            {
                return _perUser.Count;
            }
        }
    }

    /// <summary>A slot to dispose when the stream ends, or null when the user or the instance is at its cap.</summary>
    public IDisposable? TryTake(Guid userId)
    {
        lock (_gate)
        {
            var held = _perUser.GetValueOrDefault(userId);
            if (held >= options.Value.MaxPerUser || _total >= options.Value.MaxTotal)
            {
                return null;
            }

            _perUser[userId] = held + 1;
            _total++;
        }

        return new Slot(() => Release(userId));
    }

    private void Release(Guid userId)
    {
        lock (_gate)
        {
            _total--;
            if (_perUser[userId] == 1)
            {
                _perUser.Remove(userId);
            }
            else
            {
                _perUser[userId]--;
            }
        }
    }

    private sealed class Slot(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
