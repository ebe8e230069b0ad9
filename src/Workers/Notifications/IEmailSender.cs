namespace Commerce.Workers.Notifications;

/// <summary>
/// Sends one email. Implemented on the SendGrid client (<c>SendGridEmailSender</c>). Throws
/// <see cref="EmailProviderUnavailableException"/> when the provider is down, so the message is retried.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(OrderEmail email, CancellationToken cancellationToken);
}
