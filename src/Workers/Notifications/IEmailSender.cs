using Commerce.Workers.Integrations;

namespace Commerce.Workers.Notifications;

/// <summary>
/// Sends one email. Implemented on the SendGrid client (<c>SendGridEmailSender</c>). Throws
/// <see cref="EmailProviderUnavailableException"/> when the provider is down, so the message is retried.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(OrderEmail email, CancellationToken cancellationToken);
}

/// <summary><paramref name="EventId"/> is stable per (order, event type): the provider-side duplicate key.</summary>
public sealed record OrderEmail(Guid OrderId, string EventType, string EventId, string To, string Subject, string Html, string Text);

public sealed class EmailProviderUnavailableException(string message, Exception? inner = null) : ProviderUnavailableException(message, inner);
