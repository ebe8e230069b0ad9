using Commerce.Operations.Search;
using Commerce.LocalSystem;
using Commerce.Persistence.Seeding;
using Commerce.Persistence.Users;
using Commerce.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Cli.Tests;

/// <summary>
/// <c>commerce-cli search reindex</c> and the index lag in <c>status</c>, against the test's own
/// database and <see cref="FakeElasticsearch"/>; and the rebuild's catch-up of changes made while it
/// copies, driven in-process so the change lands at a known point of the run.
/// </summary>
[TestFixture]
public sealed class SearchCommandSpecs
{
    private const string Alias = "products";

    private ThrowawayDatabase _database = null!;
    private ThrowawayVirtualHost _virtualHost = null!;
    private FakeElasticsearch _elasticsearch = null!;

    private Dictionary<string, string> Environment => new(CliProcess.Environment(_database.ConnectionString, _virtualHost.Name))
    {
        ["Search__Backend"] = "Elasticsearch",
        ["Search__Elasticsearch__Url"] = _elasticsearch.Url.ToString(),
    };

    [OneTimeSetUp]
    public async Task Create()
    {
        _database = await ThrowawayDatabase.CreateAsync("cli_search");
        _virtualHost = await ThrowawayVirtualHost.CreateAsync("cli-search");
        await using var db = _database.CreateContext();
        await new DemoDataSeeder(db, new UserPasswordHasher(), TimeProvider.System).SeedAsync(CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task Drop()
    {
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }

    [SetUp]
    public async Task StartElasticsearch() => _elasticsearch = await FakeElasticsearch.StartAsync();

    [TearDown]
    public async Task StopElasticsearch() => await _elasticsearch.DisposeAsync();

    [Test]
    public async Task Reindex_builds_a_new_index_moves_the_alias_to_it_and_deletes_the_old_one()
    {
        var (firstExit, first) = await CliProcess.RunAsync(["search", "reindex"], Environment);
        var firstIndex = _elasticsearch.AliasTargets(Alias).Single();
        var (secondExit, second) = await CliProcess.RunAsync(["search", "reindex"], Environment);
        var secondIndex = _elasticsearch.AliasTargets(Alias).Single();

        await using var db = _database.CreateContext();
        var rows = await db.Products.AsNoTracking().ToListAsync();
        var documents = _elasticsearch.Documents(Alias);
        Assert.Multiple(() =>
        {
            Assert.That(firstExit, Is.Zero, first);
            Assert.That(secondExit, Is.Zero, second);
            Assert.That(first, Does.Contain($"{rows.Count} product(s) into {firstIndex}").And.Contain("no index before"), first);
            Assert.That(second, Does.Contain($"replaced {firstIndex}"), second);
            Assert.That(secondIndex, Is.Not.EqualTo(firstIndex));
            Assert.That(_elasticsearch.Indices(), Is.EqualTo(new[] { secondIndex }), "the old index deleted");
            Assert.That(documents.Keys, Is.EquivalentTo(rows.Select(r => r.Id)));
            Assert.That(rows.Select(r => documents[r.Id].Name == r.Name && documents[r.Id].Version == r.Version && !documents[r.Id].Deleted), Is.All.True);
            Assert.That(rows.Select(r => r.IndexedVersion == r.Version), Is.All.True, "indexed_version recorded");
        });
    }

    [Test]
    public async Task Status_shows_the_index_lag_with_the_Elasticsearch_backend_and_none_with_PostgreSQL()
    {
        await using (var db = _database.CreateContext())
        {
            await db.Products.Take(2).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.IndexedVersion + 5));
        }

        var (_, elasticsearch) = await CliProcess.RunAsync(["status"], Environment);
        var (_, postgres) = await CliProcess.RunAsync(["status"], CliProcess.Environment(_database.ConnectionString, _virtualHost.Name));

        Assert.Multiple(() =>
        {
            Assert.That(elasticsearch, Does.Match(@"Search index lag: [1-9]\d* product change\(s\) not yet in Elasticsearch, oldest \d"), elasticsearch);
            Assert.That(postgres, Does.Contain("Search: PostgreSQL full-text search (no index to lag)"), postgres);
        });
    }

    [Test]
    public async Task Reindex_with_the_PostgreSQL_backend_is_refused_saying_why()
    {
        var (exitCode, output) = await CliProcess.RunAsync(["search", "reindex"], CliProcess.Environment(_database.ConnectionString, _virtualHost.Name));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("Search__Backend is Postgres"), output);
        });
    }

    [Test]
    public async Task Reindex_with_an_unreachable_Elasticsearch_fails_in_one_line_and_leaves_the_alias_alone()
    {
        var environment = Environment;
        environment["Search__Elasticsearch__Url"] = $"http://127.0.0.1:{FreePort.Next()}/";

        var (exitCode, output) = await CliProcess.RunAsync(["search", "reindex"], environment);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1), output);
            Assert.That(output.Trim(), Does.StartWith("commerce: "), output);
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public async Task Changes_made_while_the_rebuild_copies_are_in_the_new_index_after_the_swap()
    {
        await using var services = Services();
        var writer = services.GetRequiredService<ProductIndexWriter>();
        var index = services.GetRequiredService<ProductIndexAdministration>();
        await using var db = _database.CreateContext();
        await index.EnsureIndexAsync(CancellationToken.None);
        var oldIndex = _elasticsearch.AliasTargets(Alias).Single();
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Sku).Take(2).ToListAsync();
        var (changed, deleted) = (products[0], products[1]);
        var changedDuringCopy = false;

        var rebuild = new SearchIndexRebuild(db, index, writer);
        var result = await rebuild.RunAsync(
            (done, _) =>
            {
                if (changedDuringCopy || done == 0)
                {
                    return;
                }

                // After the copy, before the swap: what the indexer would do with an admin's change
                // and a delete — into the table, and through the alias into the old index.
                changedDuringCopy = true;
                ChangeAndDeleteAsync().GetAwaiter().GetResult();
            },
            CancellationToken.None);

        var documents = _elasticsearch.Documents(Alias);
        Assert.Multiple(() =>
        {
            Assert.That(changedDuringCopy, Is.True);
            Assert.That(_elasticsearch.AliasTargets(Alias), Is.EqualTo(new[] { result.Index }));
            Assert.That(_elasticsearch.Indices(), Does.Not.Contain(oldIndex));
            Assert.That(documents[changed.Id].Name, Is.EqualTo("Changed while copying"));
            Assert.That(documents[changed.Id].Version, Is.EqualTo(changed.Version + 1));
            Assert.That(documents[deleted.Id].Deleted, Is.True, "the product deleted meanwhile is a tombstone");
            Assert.That(result.CaughtUp, Is.EqualTo(2));
        });

        async Task ChangeAndDeleteAsync()
        {
            await using var other = _database.CreateContext();
            await other.Products.Where(p => p.Id == changed.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Changed while copying").SetProperty(p => p.Version, p => p.Version + 1));
            await other.Database.ExecuteSqlAsync($"DELETE FROM products WHERE id = {deleted.Id}");
            await writer.UpsertAsync(
                [
                    new ProductDocument(changed.Id, changed.Sku, "Changed while copying", changed.Description, changed.Category, changed.Price, "USD", changed.Version + 1, Deleted: false),
                    ProductDocument.Tombstone(deleted.Id, deleted.Version + 1),
                ],
                CancellationToken.None);
        }
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Search:Backend"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = _elasticsearch.Url.ToString(),
        }).Build();
        return new ServiceCollection().AddLogging().AddCommerceSearch(configuration).BuildServiceProvider();
    }
}
