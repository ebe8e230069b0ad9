using Commerce.Contracts.Catalog;
using Commerce.Persistence.Catalog;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>The <see cref="ProductChanged"/> event of a catalog change, as the search indexer needs it.</summary>
internal static class ProductChanges
{
    public static ProductChanged Of(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new ProductChanged(
            product.Id, product.Version, Deleted: false, product.Sku, product.Name, product.Description,
            product.Category, product.Price, product.Currency.Trim(), product.UpdatedAt);
    }

    public static ProductChanged Deleted(Guid productId, long version, DateTimeOffset at) =>
        new(productId, version, Deleted: true, string.Empty, string.Empty, string.Empty, string.Empty, 0m, "USD", at);
}
