namespace Commerce.Contracts.Catalog;

/// <summary>
/// A product was created, changed or deleted (<see cref="Deleted"/>), published through the Api's
/// bus outbox in the transaction of the change. It carries the whole searchable state, so the
/// indexer needs no read of its own; <see cref="Version"/> orders the changes of one product, and
/// a copy older than what the index holds changes nothing.
/// </summary>
public record ProductChanged(
    Guid ProductId,
    long Version,
    bool Deleted,
    string Sku,
    string Name,
    string Description,
    string Category,
    decimal Price,
    string Currency,
    DateTimeOffset ChangedAt);
