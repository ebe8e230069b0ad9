namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// Full-text product search: PostgreSQL (<see cref="PostgresProductSearch"/>, the default) or
/// Elasticsearch (<see cref="ElasticsearchProductSearch"/>), chosen by <c>Search__Backend</c>
/// (docs/adr/0040).
/// </summary>
internal interface IProductSearch
{
    Task<ProductSearchResponse> SearchAsync(ProductQuery query, CancellationToken cancellationToken);
}
