namespace Commerce.TestSupport;

/// <summary>A product document as <see cref="FakeElasticsearch"/> holds it: the stored source and its external version.</summary>
public sealed record FakeProduct(Guid Id, long Version, bool Deleted, string Sku, string Name, string Description, string Category, decimal Price, string Currency);
