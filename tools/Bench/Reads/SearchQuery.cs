using System.Globalization;

namespace Commerce.Bench.Reads;

/// <summary>One <c>GET /api/v1/products</c> search as the read bench sends it.</summary>
public sealed record SearchQuery(string Q, string? Category, decimal? MinPrice, int Page, int PageSize = SearchQuery.DefaultPageSize)
{
    /// <summary>The API's default page size, which a storefront's result page uses.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The request's path and query string, relative to the Api's base address.</summary>
    public string PathAndQuery
    {
        get
        {
            var query = new List<string> { $"q={Uri.EscapeDataString(Q)}" };
            if (Category is { } category)
            {
                query.Add($"category={Uri.EscapeDataString(category)}");
            }

            if (MinPrice is { } minPrice)
            {
                query.Add(string.Create(CultureInfo.InvariantCulture, $"minPrice={minPrice:0.00}"));
            }

            query.Add(string.Create(CultureInfo.InvariantCulture, $"page={Page}"));
            query.Add(string.Create(CultureInfo.InvariantCulture, $"pageSize={PageSize}"));
            return "api/v1/products?" + string.Join('&', query);
        }
    }
}
