using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace Commerce.Search;

/// <summary>The settings and mapping every product index is created with.</summary>
internal static class ProductIndexMapping
{
    /// <summary>The Api allows page 1000 × 100 per page; Elasticsearch's default window is 10,000.</summary>
    public const int MaxResultWindow = 100_000;

    private const string English = "english";

    public static IndexSettings Settings() => new() { MaxResultWindow = MaxResultWindow };

    public static TypeMapping Mapping() => new()
    {
        // A field the code does not know is a bug to surface, not a field to guess a type for.
        Dynamic = DynamicMapping.Strict,
        Properties = new Properties
        {
            { ProductFields.Id, new KeywordProperty() },
            { ProductFields.Sku, new KeywordProperty() },
            { ProductFields.Name, new TextProperty { Analyzer = English, Fields = new Properties { { "keyword", new KeywordProperty { IgnoreAbove = 256 } } } } },
            { ProductFields.Description, new TextProperty { Analyzer = English } },
            { ProductFields.Category, new TextProperty { Analyzer = English, Fields = new Properties { { "keyword", new KeywordProperty { IgnoreAbove = 256 } } } } },
            { ProductFields.Price, new ScaledFloatNumberProperty { ScalingFactor = 100 } },
            { ProductFields.Currency, new KeywordProperty() },
            { ProductFields.Version, new LongNumberProperty() },
            { ProductFields.Deleted, new BooleanProperty() },
        },
    };
}
