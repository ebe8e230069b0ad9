using Commerce.Sandbox.Faults;

namespace Commerce.Sandbox.SendGrid;

/// <summary>Every email the sandbox accepted, in arrival order, kept in memory for the mail page and the tests.</summary>
internal sealed class MailOutbox : IResettable
{
    private readonly Lock _gate = new();
    private readonly List<SentMail> _mail = [];

    public void Add(SentMail mail)
    {
        lock (_gate)
        {
            _mail.Add(mail);
        }
    }

    /// <summary>Oldest first; either filter may be null.</summary>
    public IReadOnlyList<SentMail> Find(string? orderId, string? eventId)
    {
        lock (_gate)
        {
            return [.. _mail.Where(m => (orderId is null || m.OrderId == orderId) && (eventId is null || m.EventId == eventId))];
        }
    }

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of what <paramref name="query"/> matches, newest first.
    /// Walks the list from its end and copies only the page, so a page costs the same with 10 or
    /// 100 000 messages recorded (apart from counting the matches).
    /// </summary>
    public MailListing Newest(MailQuery query, int page, int pageSize)
    {
        var skip = (long)(page - 1) * pageSize;
        var items = new List<SentMail>(pageSize);
        var total = 0;
        lock (_gate)
        {
            for (var i = _mail.Count - 1; i >= 0; i--)
            {
                if (!query.Matches(_mail[i]))
                {
                    continue;
                }

                if (total >= skip && items.Count < pageSize)
                {
                    items.Add(_mail[i]);
                }

                total++;
            }
        }

        return new MailListing(items, total, page, pageSize);
    }

    public SentMail? Get(string messageId)
    {
        lock (_gate)
        {
            return _mail.Find(m => m.MessageId == messageId);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _mail.Clear();
        }
    }
}
