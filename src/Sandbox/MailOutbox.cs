using System.Collections.Concurrent;

namespace Commerce.Sandbox;

/// <summary>Every email the sandbox accepted, in arrival order, kept in memory for the mail page and the tests.</summary>
internal sealed class MailOutbox
{
    private readonly ConcurrentQueue<SentMail> _mail = new();

    public void Add(SentMail mail) => _mail.Enqueue(mail);

    public IReadOnlyList<SentMail> All() => [.. _mail];
}

internal sealed record SentMail(DateTimeOffset At, string To, string Subject, string? OrderId, string Body);
