using Commerce.Persistence.Catalog;

namespace Commerce.Bench.Reads;

/// <summary>
/// The catalog the read bench searches: products whose names, descriptions, categories and prices
/// vary, made from word lists by index arithmetic alone, so every run searches the same catalog and
/// a word matches a different share of it than the next.
/// </summary>
public static class BenchCatalog
{
    public static readonly IReadOnlyList<string> Categories =
        ["kitchen", "outdoor", "books", "toys", "home", "garden", "office", "sports"];

    private static readonly string[] Adjectives =
    [
        "classic", "compact", "sturdy", "elegant", "rustic", "modern", "vintage", "portable",
        "premium", "handmade", "lightweight", "durable", "colourful", "minimal", "cosy", "rugged",
    ];

    private static readonly string[] Materials =
    [
        "oak", "steel", "ceramic", "cotton", "leather", "bamboo", "glass", "wool",
        "copper", "linen", "walnut", "granite",
    ];

    private static readonly string[] Nouns =
    [
        "mug", "lamp", "backpack", "kettle", "blanket", "notebook", "bottle", "chair",
        "tent", "puzzle", "planter", "clock", "skillet", "basket", "scarf", "shelf",
        "jacket", "board", "knife", "candle",
    ];

    private static readonly string[] Descriptive =
    [
        "gift", "travel", "everyday", "winter", "summer", "family", "garden", "studio",
        "weekend", "kitchen", "camping", "reading", "office", "morning", "evening", "holiday",
        "workshop", "picnic", "festival", "library",
    ];

    /// <summary>Every word the catalog is made of: what the searches look for, each matching some products.</summary>
    public static readonly IReadOnlyList<string> Words = [.. Adjectives, .. Materials, .. Nouns, .. Descriptive];

    /// <summary>Product <paramref name="index"/> (from 0): the same product every run.</summary>
    public static Product At(int index, DateTimeOffset now)
    {
        var adjective = Adjectives[index % Adjectives.Length];
        var material = Materials[index / Adjectives.Length % Materials.Length];
        var noun = Nouns[index / 7 % Nouns.Length];
        // Strides prime to the list lengths spread the words over the catalog unevenly.
        var description = string.Join(' ', Enumerable.Range(0, 8).Select(k => Descriptive[(index * (2 * k + 3) + k * k) % Descriptive.Length]));
        return new Product
        {
            Sku = $"READS-{index + 1:00000}",
            Name = $"{Capitalised(adjective)} {material} {noun} {index + 1}",
            Description = $"A {adjective} {noun} in {material}, for {description}.",
            Category = Categories[index / 3 % Categories.Count],
            // 1.00 to 499.99, spread without a pattern a filter would follow.
            Price = 1m + index * 7_919L % 49_899 / 100m,
            Available = 1_000,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public static IReadOnlyList<Product> Create(int count, DateTimeOffset now) =>
        [.. Enumerable.Range(0, count).Select(i => At(i, now))];

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
