using Commerce.Bench.Reads;

namespace Commerce.Bench.Tests;

/// <summary>The read bench's catalog: the same every run, varied enough that searches differ in cost.</summary>
public sealed class BenchCatalogSpecs
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Test]
    public void The_catalog_is_the_same_every_run_and_every_product_is_one_the_admin_API_would_accept()
    {
        var first = BenchCatalog.Create(5_000, Now);
        var second = BenchCatalog.Create(5_000, Now);

        Assert.Multiple(() =>
        {
            Assert.That(first.Select(p => (p.Sku, p.Name, p.Description, p.Category, p.Price)), Is.EqualTo(second.Select(p => (p.Sku, p.Name, p.Description, p.Category, p.Price))));
            Assert.That(first.Select(p => p.Sku), Is.Unique);
            Assert.That(first.Select(p => p.Name), Is.Unique);
            Assert.That(first.All(p => p.Name.Length <= 200 && p.Description.Length <= 4_000 && p.Category.Length <= 100), Is.True);
            Assert.That(first.All(p => p.Price is >= 1m and < 500m && decimal.Round(p.Price, 2) == p.Price), Is.True);
            Assert.That(first.Select(p => p.Category).Distinct(), Is.EquivalentTo(BenchCatalog.Categories));
        });
    }

    [Test]
    public void Every_search_word_finds_some_products_and_no_word_finds_them_all()
    {
        var catalog = BenchCatalog.Create(5_000, Now);
        var matches = BenchCatalog.Words.ToDictionary(
            w => w,
            w => catalog.Count(p => $"{p.Name} {p.Description}".Contains(w, StringComparison.OrdinalIgnoreCase)));

        Assert.Multiple(() =>
        {
            Assert.That(BenchCatalog.Words, Is.Unique);
            Assert.That(matches.Where(m => m.Value == 0).Select(m => m.Key), Is.Empty, "words that find nothing");
            Assert.That(matches.Where(m => m.Value == catalog.Count).Select(m => m.Key), Is.Empty, "words that find everything");
            Assert.That(matches.Values.Distinct().Count(), Is.GreaterThan(5), "searches of different sizes");
        });
    }
}
