using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>Cached product reads: by id, and search pages keyed by the backend and a hash of the validated query.</summary>
internal sealed class ProductCatalog(CommerceDbContext db, SearchRouter search, ProductCache cache)
{
    public Task<ProductResponse?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(
            $"product:{id:N}",
            async ct => await db.Products.AsNoTracking().Where(p => p.Id == id).SingleOrDefaultAsync(ct) is { } p ? ProductResponse.From(p) : null,
            _ => true,
            cancellationToken);

    public async Task<SearchAnswer> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        // The key is a hash: user text never becomes part of a Redis key.
        var key = $"search:{search.ConfiguredBackend}:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(query))));
        SearchAnswer? fresh = null;
        var page = await cache.GetOrLoadAsync(
            key,
            async ct => (fresh = await search.SearchAsync(query, ct)).Page,
            // A fallback page is not cached: Elasticsearch answers again as soon as it is back.
            _ => fresh?.Backend != SearchAnswer.PostgresFallback,
            cancellationToken);
        return fresh ?? new SearchAnswer(page!, search.ConfiguredBackend);
    }
}
