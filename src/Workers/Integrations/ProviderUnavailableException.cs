namespace Commerce.Workers.Integrations;

/// <summary>
/// A provider (Stripe, SendGrid, the warehouse) did not answer usefully after its client's own
/// retries: the message is retried and redelivered later (<see cref="ExternalCallConsumerDefinition{TConsumer}"/>),
/// not failed. Each client throws its own subtype, so a dead letter names the provider.
/// </summary>
public abstract class ProviderUnavailableException(string message, Exception? inner) : Exception(message, inner);
