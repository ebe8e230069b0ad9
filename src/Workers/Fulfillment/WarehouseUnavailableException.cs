using Commerce.Workers.Integrations;

namespace Commerce.Workers.Fulfillment;

public sealed class WarehouseUnavailableException(string message, Exception? inner = null) : ProviderUnavailableException(message, inner);
