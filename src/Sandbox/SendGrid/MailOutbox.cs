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

/// <summary>
/// One accepted message: one per personalization of a send, as SendGrid counts them. The order and
/// event ids are the <c>custom_args</c> the notification sender sets, which SendGrid echoes in its
/// events; the tests count mail per (order, event) by them.
/// </summary>
internal sealed record SentMail(
    string MessageId,
    DateTimeOffset At,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyList<string> Categories)
{
    public string? OrderId => CustomArgs.GetValueOrDefault("order_id");

    public string? EventId => CustomArgs.GetValueOrDefault("event_id");
}
