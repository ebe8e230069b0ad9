namespace Commerce.Search;

/// <summary>
/// A product as the index stores it, under its id. <see cref="Version"/> is the product's own
/// version, written as Elasticsearch's external version so an older event never overwrites a newer one.
/// </summary>
public sealed record ProductDocument(Guid Id, string Sku, string Name, string Description, string Category, decimal Price, string Currency, long Version, bool Deleted)
{
    /// <summary>
    /// A deleted product stays in the index as a marked document, not a delete: Elasticsearch forgets
    /// a delete's version after index.gc_deletes (60 s), and a late older upsert would bring the product back.
    /// </summary>
    public static ProductDocument Tombstone(Guid id, long version) =>
        new(id, string.Empty, string.Empty, string.Empty, string.Empty, 0m, string.Empty, version, Deleted: true);
}
