using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>Cached product reads: by id, and search pages keyed by a hash of the validated query.</summary>
internal sealed class ProductCatalog(CommerceDbContext db, IProductSearch search, ProductCache cache)
{
    public Task<ProductResponse?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(
            $"product:{id:N}",
            async ct => await db.Products.AsNoTracking().Where(p => p.Id == id).SingleOrDefaultAsync(ct) is { } p ? ProductResponse.From(p) : null,
            cancellationToken);

    public async Task<PageResponse<ProductResponse>> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        // The key is a hash: user text never becomes part of a Redis key.
        var key = "search:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(query))));
        return (await cache.GetOrLoadAsync<PageResponse<ProductResponse>>(key, async ct => await search.SearchAsync(query, ct), cancellationToken))!;
    }
}
