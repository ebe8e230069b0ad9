namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// Full-text product search. PostgreSQL is the one backend today; another (Elasticsearch) would
/// implement this and be chosen by configuration (docs/adr/0010).
/// </summary>
internal interface IProductSearch
{
    Task<PageResponse<ProductResponse>> SearchAsync(ProductQuery query, CancellationToken cancellationToken);
}
