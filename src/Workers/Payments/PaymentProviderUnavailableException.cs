using Commerce.Workers.Integrations;

namespace Commerce.Workers.Payments;

/// <summary>The provider did not answer or answered with a server error: worth retrying later.</summary>
public sealed class PaymentProviderUnavailableException(string message, Exception? inner = null) : ProviderUnavailableException(message, inner);
