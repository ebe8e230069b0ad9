namespace Commerce.Api.Ordering;

internal sealed record OrderPage(IReadOnlyList<OrderView> Items, int Page, int PageSize, int Total);
