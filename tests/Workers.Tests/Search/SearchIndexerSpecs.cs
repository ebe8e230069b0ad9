using Commerce.Contracts;
using Commerce.LocalSystem;
using Commerce.Operations.DeadLetters;
using Commerce.Persistence.Catalog;
using Commerce.Workers.Tests.Checkout;
using Commerce.Workers.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Tests.Search;

/// <summary>
/// The real Workers host with the Elasticsearch backend, on real RabbitMQ and PostgreSQL, indexing
/// into <see cref="FakeElasticsearch"/> (Elasticsearch's external-version semantics, in memory):
/// <c>ProductChanged</c> messages arrive duplicated and out of order, as at-least-once delivery
/// allows, and the index must end up equal to the table.
/// </summary>
[TestFixture]
public sealed class SearchIndexerSpecs : SandboxFixture
{
    private const string ProductChangedType = "urn:message:Commerce.Contracts.Catalog:ProductChanged";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private FakeElasticsearch _elasticsearch = null!;
    private IsolatedWorkers _workers = null!;
    private RawBrokerMessages _broker = null!;

    [OneTimeSetUp]
    public async Task StartWorkers()
    {
        _elasticsearch = await FakeElasticsearch.StartAsync();
        _workers = await IsolatedWorkers.StartAsync(Sandbox, "workers-search-index", new Dictionary<string, string>
        {
            ["Search:Backend"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = _elasticsearch.Url.ToString(),
        });
        _broker = await RawBrokerMessages.ConnectAsync(_workers.VirtualHost.Name);
    }

    [OneTimeTearDown]
    public async Task StopWorkers()
    {
        await _broker.DisposeAsync();
        await _workers.DisposeAsync();
        await _elasticsearch.DisposeAsync();
    }

    [TearDown]
    public void HealElasticsearch() => _elasticsearch.Recover();

    [Test]
    public async Task A_thousand_changes_duplicated_and_reordered_leave_the_index_equal_to_the_table()
    {
        var random = new Random(18);
        var changes = new List<object>();
        var products = new List<Product>();
        var deleted = new Dictionary<Guid, long>();
        for (var i = 0; i < 100; i++)
        {
            var id = Guid.NewGuid();
            var last = random.Next(2, 8);
            changes.AddRange(Enumerable.Range(1, last).Select(v => Change(id, v, $"product {i} v{v}")));
            if (i % 10 == 0)
            {
                // Deleted after its last change: the tombstone takes the next version.
                changes.Add(Tombstone(id, last + 1));
                deleted[id] = last + 1;
            }
            else
            {
                products.Add(NewProduct(id, i, last));
            }
        }

        while (changes.Count < 1000)
        {
            changes.Add(changes[random.Next(changes.Count)]);
        }

        await using (var db = _workers.Database.CreateContext())
        {
            db.Products.AddRange(products);
            await db.SaveChangesAsync();
        }

        var requestsBefore = _elasticsearch.BulkRequests;
        foreach (var change in changes.OrderBy(_ => random.Next()))
        {
            await _broker.SendAsync(Queues.IndexProduct, ProductChangedType, change);
        }

        await Poll.UntilAsync(
            () => Task.FromResult(
                products.All(p => _elasticsearch.Documents("products").TryGetValue(p.Id, out var d) && d.Version == p.Version && !d.Deleted) &&
                deleted.All(p => _elasticsearch.Documents("products").TryGetValue(p.Key, out var d) && d.Version == p.Value && d.Deleted)),
            Deadline,
            "every product's last version in the index");
        await Poll.UntilAsync(async () => await UnindexedAsync(products) == 0, Deadline, "indexed_version caught up in PostgreSQL");

        var documents = _elasticsearch.Documents("products");
        Assert.Multiple(() =>
        {
            foreach (var product in products)
            {
                var document = documents[product.Id];
                Assert.That(document.Name, Is.EqualTo(product.Name), "the name of the last version, not of a late older copy");
                Assert.That(document.Sku, Is.EqualTo(product.Sku));
                Assert.That(document.Price, Is.EqualTo(product.Price));
                Assert.That(document.Category, Is.EqualTo(product.Category));
            }

            Assert.That(deleted.Keys.Select(id => documents[id].Deleted), Is.All.True, "a deleted product stays a tombstone whatever older change comes after");
            Assert.That(_elasticsearch.BulkRequests - requestsBefore, Is.LessThan(changes.Count / 2), "changes that arrive together go in one bulk request");
        });
    }

    [Test]
    public async Task An_older_version_arriving_last_changes_nothing()
    {
        var id = Guid.NewGuid();
        await _broker.SendAsync(Queues.IndexProduct, ProductChangedType, Change(id, 5, "the fifth"));
        await Poll.UntilAsync(() => Task.FromResult(_elasticsearch.Documents("products").ContainsKey(id)), Deadline, "version 5 indexed");
        var requestsBefore = _elasticsearch.BulkRequests;

        await _broker.SendAsync(Queues.IndexProduct, ProductChangedType, Change(id, 3, "the third"));
        await Poll.UntilAsync(() => Task.FromResult(_elasticsearch.BulkRequests > requestsBefore), Deadline, "the older copy consumed");

        var document = _elasticsearch.Documents("products")[id];
        Assert.Multiple(() =>
        {
            Assert.That(document.Version, Is.EqualTo(5));
            Assert.That(document.Name, Is.EqualTo("the fifth"));
        });
    }

    [Test]
    public async Task Changes_Elasticsearch_refuses_go_to_index_product_error_and_a_replay_indexes_them()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        _elasticsearch.FailWith(503);
        var deadline = TimeSpan.FromSeconds(150); // three batches' retries (17.5 s each) at the worst
        foreach (var id in ids)
        {
            await _broker.SendAsync(Queues.IndexProduct, ProductChangedType, Change(id, 1, "refused at first"));
        }

        using var replayer = new ErrorQueueReplayer(LocalServices.Current.OperationsOptions(_workers.VirtualHost.Name));
        var errorQueue = Queues.IndexProduct + ErrorQueueReplayer.ErrorSuffix;
        await Poll.UntilAsync(
            async () => (await _workers.VirtualHost.Management.GetQueuesAsync(_workers.VirtualHost.Name, CancellationToken.None)).Any(q => q.Name == errorQueue && q.Messages >= ids.Count),
            deadline,
            "the refused changes dead-lettered after their retries");
        Assert.That(ids.Any(_elasticsearch.Documents("products").ContainsKey), Is.False, "nothing indexed while Elasticsearch refused");

        _elasticsearch.Recover();
        var replayed = await replayer.ReplayAsync(errorQueue, 100, CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(ids.All(_elasticsearch.Documents("products").ContainsKey)), Deadline, "the replayed changes indexed");

        Assert.That(replayed, Is.EqualTo(ids.Count));
    }

    private static object Change(Guid id, long version, string name) => new
    {
        productId = id,
        version,
        deleted = false,
        sku = $"SKU-{id:N}",
        name,
        description = "a product of the indexer specs",
        category = "indexer",
        price = 10m + version,
        currency = "USD",
        changedAt = DateTimeOffset.UtcNow,
    };

    private static object Tombstone(Guid id, long version) => new
    {
        productId = id,
        version,
        deleted = true,
        sku = string.Empty,
        name = string.Empty,
        description = string.Empty,
        category = string.Empty,
        price = 0m,
        currency = "USD",
        changedAt = DateTimeOffset.UtcNow,
    };

    private static Product NewProduct(Guid id, int index, long version) => new()
    {
        Id = id,
        Sku = $"SKU-{id:N}",
        Name = $"product {index} v{version}",
        Description = "a product of the indexer specs",
        Category = "indexer",
        Price = 10m + version,
        Version = version,
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    private async Task<int> UnindexedAsync(List<Product> products)
    {
        var ids = products.Select(p => p.Id).ToList();
        await using var db = _workers.Database.CreateContext();
        return await db.Products.CountAsync(p => ids.Contains(p.Id) && p.IndexedVersion < p.Version);
    }
}
