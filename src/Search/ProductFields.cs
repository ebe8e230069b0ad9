namespace Commerce.Search;

/// <summary>The index's field names, shared by the mapping, the writer and the queries.</summary>
internal static class ProductFields
{
    public const string Id = "id";
    public const string Sku = "sku";
    public const string Name = "name";
    public const string NameKeyword = "name.keyword";
    public const string Description = "description";
    public const string Category = "category";
    public const string CategoryKeyword = "category.keyword";
    public const string Price = "price";
    public const string Currency = "currency";
    public const string Version = "version";
    public const string Deleted = "deleted";
}
