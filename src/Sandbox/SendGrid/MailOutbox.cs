using System.Collections.Concurrent;
using Commerce.Sandbox.Faults;

namespace Commerce.Sandbox.SendGrid;

/// <summary>Every email the sandbox accepted, in arrival order, kept in memory for the mail page and the tests.</summary>
internal sealed class MailOutbox : IResettable
{
    private readonly ConcurrentQueue<SentMail> _mail = new();

    public void Add(SentMail mail) => _mail.Enqueue(mail);

    public IReadOnlyList<SentMail> All() => [.. _mail];

    /// <summary>Oldest first; either filter may be null.</summary>
    public IReadOnlyList<SentMail> Find(string? orderId, string? eventId) =>
        [.. _mail.Where(m => (orderId is null || m.OrderId == orderId) && (eventId is null || m.EventId == eventId))];

    public void Reset() => _mail.Clear();
}
