using Commerce.Api.Gateway;
using Microsoft.AspNetCore.Http.HttpResults;
using Commerce.Api.OpenApi;
using Microsoft.OpenApi;

namespace Commerce.Api.Storefront.Catalog;

/// <summary><c>GET /products</c> (search) and <c>GET /products/{id}</c>, open to everybody.</summary>
internal static class CatalogEndpoints
{
    public const int MaxQueryLength = 200;
    public const int MaxPageSize = 100;
    // Deep offsets cost the database a scan for pages nobody reads; narrow the search instead.
    public const int MaxPage = 1_000;

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder v1)
    {
        // Anonymous: shoppers browse before they log in.
        var products = v1.MapGroup("/products").AllowAnonymous().WithTags(ApiTags.Catalog);
        products.MapGet("/", SearchAsync).WithName("SearchProducts").WithSummary("Full-text search with category and price filters, paged, with facets.")
            .WithDescription("`q` searches names and descriptions; `category`, `minPrice` and `maxPrice` filter; results are paged (`page` from 1, `pageSize` up to 100). " +
                "`facets` counts every match by category (the 20 largest) and price range; `highlights` marks the matched words by product id (Elasticsearch only, HTML-escaped with `<em>`). " +
                "The `X-Search-Backend` header names who answered: `postgres`, `elasticsearch`, or `postgres-fallback` when Elasticsearch is configured but did not answer.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                OperationDocs.ResponseHeader(
                    operation,
                    "200",
                    SearchAnswer.Header,
                    "The backend that answered: `postgres-fallback` when Elasticsearch is configured but did not answer.",
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [SearchAnswer.Postgres, SearchAnswer.Elasticsearch, SearchAnswer.PostgresFallback] });
                return Task.CompletedTask;
            });
        products.MapGet("/{id:guid}", GetAsync).WithName("GetProduct").WithSummary("One product.")
            .WithDescription("The product with its price, attributes and available stock; 404 when there is none with this id.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Ok<ProductSearchResponse>, ValidationProblem>> SearchAsync(
        ProductCatalog catalog,
        HttpResponse response,
        CancellationToken cancellationToken,
        string? q = null,
        string? category = null,
        decimal? minPrice = null,
        decimal? maxPrice = null,
        int page = 1,
        int pageSize = 20)
    {
        var validation = new Validation()
            .Text(q, "q", MaxQueryLength, required: false)
            .Text(category, "category", 100, required: false)
            .Check(minPrice is null or >= 0, "minPrice", "minPrice must not be negative")
            .Check(maxPrice is null or >= 0, "maxPrice", "maxPrice must not be negative")
            .Check(minPrice is null || maxPrice is null || minPrice <= maxPrice, "maxPrice", "maxPrice must not be below minPrice")
            .Check(page is >= 1 and <= MaxPage, "page", $"page must be between 1 and {MaxPage}")
            .Check(pageSize is >= 1 and <= MaxPageSize, "pageSize", $"pageSize must be between 1 and {MaxPageSize}");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var query = new ProductQuery(
            string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            string.IsNullOrWhiteSpace(category) ? null : category.Trim(),
            minPrice,
            maxPrice,
            page,
            pageSize);
        var answer = await catalog.SearchAsync(query, cancellationToken);
        response.Headers[SearchAnswer.Header] = answer.Backend;
        return TypedResults.Ok(answer.Page);
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ProductCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.GetAsync(id, cancellationToken) is { } product
            ? TypedResults.Ok(product)
            : TypedResults.Problem(title: "Product not found", statusCode: StatusCodes.Status404NotFound);
}
