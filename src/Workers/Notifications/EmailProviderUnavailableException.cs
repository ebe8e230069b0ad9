using Commerce.Workers.Integrations;

namespace Commerce.Workers.Notifications;

public sealed class EmailProviderUnavailableException(string message, Exception? inner = null) : ProviderUnavailableException(message, inner);
