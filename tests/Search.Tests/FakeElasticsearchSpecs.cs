using Commerce.Search.Tests.Support;

namespace Commerce.Search.Tests;

/// <summary>The writer and the index administration against the in-memory fake the integration tests use.</summary>
[TestFixture]
public sealed class FakeElasticsearchSpecs() : NodeSpecs<FakeElasticsearch>(FakeElasticsearch.StartAsync, node => node.Url)
{
    private const string Alias = SearchServices.Alias;

    [Test]
    public async Task The_first_write_creates_the_index_behind_the_alias()
    {
        var outcome = await Search.Writer.UpsertAsync([TestProducts.Shoe()], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(new BulkIndexOutcome(1, 0)));
            Assert.That(Node.AliasTargets(Alias), Is.EqualTo(new[] { "products-00000000000000000" }));
            Assert.That(Node.Documents(Alias)[TestProducts.ShoeId].Name, Is.EqualTo("Trail Running Shoe"));
        });
    }

    [Test]
    public async Task An_older_version_arriving_late_is_stale_and_changes_nothing()
    {
        await Search.Writer.UpsertAsync([TestProducts.Shoe(version: 5) with { Name = "Newer name" }], CancellationToken.None);

        var late = await Search.Writer.UpsertAsync([TestProducts.Shoe(version: 3), TestProducts.Shoe(version: 5)], CancellationToken.None);

        var stored = Node.Documents(Alias)[TestProducts.ShoeId];
        Assert.Multiple(() =>
        {
            Assert.That(late, Is.EqualTo(new BulkIndexOutcome(Written: 0, Stale: 2)), "older and equal versions are both stale");
            Assert.That(stored.Version, Is.EqualTo(5));
            Assert.That(stored.Name, Is.EqualTo("Newer name"));
        });
    }

    [Test]
    public async Task A_tombstone_wins_over_an_older_upsert_that_arrives_after_it()
    {
        await Search.Writer.UpsertAsync([TestProducts.Shoe(version: 1)], CancellationToken.None);
        await Search.Writer.UpsertAsync([ProductDocument.Tombstone(TestProducts.ShoeId, 2)], CancellationToken.None);

        var late = await Search.Writer.UpsertAsync([TestProducts.Shoe(version: 1)], CancellationToken.None);

        var index = Node.AliasTargets(Alias).Single();
        var read = await Search.Administration.ReadAllAsync(index, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(late.Stale, Is.EqualTo(1));
            Assert.That(Node.Documents(Alias)[TestProducts.ShoeId].Deleted, Is.True);
            Assert.That(read, Is.EqualTo(new[] { ProductDocument.Tombstone(TestProducts.ShoeId, 2) }), "the tombstone reads back as written");
        });
    }

    [Test]
    public async Task A_rebuild_fills_a_new_index_and_the_swap_moves_the_alias_from_the_old_one()
    {
        await Search.Writer.UpsertAsync([TestProducts.Shoe(), TestProducts.Sock()], CancellationToken.None);
        var old = await Search.Administration.AliasTargetsAsync(CancellationToken.None);

        var rebuilt = await Search.Administration.CreateIndexAsync(CancellationToken.None);
        await Search.Writer.UpsertIntoAsync(rebuilt, [TestProducts.Shoe(version: 8)], CancellationToken.None);
        await Search.Administration.SwapAliasAsync(rebuilt, old, CancellationToken.None);
        await Search.Administration.DeleteIndexAsync(old.Single(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Node.AliasTargets(Alias), Is.EqualTo(new[] { rebuilt }));
            Assert.That(Node.Indices(), Is.EqualTo(new[] { rebuilt }));
            Assert.That(Node.Documents(Alias).Keys, Is.EqualTo(new[] { TestProducts.ShoeId }));
            Assert.That(Node.Documents(Alias)[TestProducts.ShoeId].Version, Is.EqualTo(8));
        });
    }

    [Test]
    public async Task Reading_an_index_pages_through_every_document()
    {
        var many = Enumerable.Range(1, 2345).Select(n => TestProducts.Sock(version: n) with { Id = Guid.NewGuid(), Sku = $"SOCK-{n}" }).ToList();
        await Search.Writer.UpsertAsync(many, CancellationToken.None);

        var read = await Search.Administration.ReadAllAsync(Node.AliasTargets(Alias).Single(), CancellationToken.None);

        Assert.That(read.Select(d => d.Id).Order(), Is.EqualTo(many.Select(d => d.Id).Order()));
    }

    [Test]
    public async Task Writers_racing_on_a_missing_alias_leave_one_index_behind_it()
    {
        await using var other = SearchServices.For(Node.Url);

        await Task.WhenAll(
            Search.Writer.UpsertAsync([TestProducts.Shoe()], CancellationToken.None),
            other.Writer.UpsertAsync([TestProducts.Sock()], CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(Node.AliasTargets(Alias), Has.Count.EqualTo(1));
            Assert.That(Node.Documents(Alias).Keys, Is.EquivalentTo(new[] { TestProducts.ShoeId, TestProducts.SockId }));
        });
    }

    [Test]
    public async Task A_fault_makes_writes_unavailable_and_the_node_unreachable_until_it_recovers()
    {
        await Search.Writer.UpsertAsync([TestProducts.Shoe()], CancellationToken.None);
        var before = Node.BulkRequests;
        Node.FailWith(503);

        Assert.ThrowsAsync<SearchUnavailableException>(() => Search.Writer.UpsertAsync([TestProducts.Sock()], CancellationToken.None));
        Assert.That(await Search.Administration.IsReachableAsync(CancellationToken.None), Is.False);

        Node.Recover();
        var outcome = await Search.Writer.UpsertAsync([TestProducts.Sock()], CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Written, Is.EqualTo(1));
            Assert.That(await Search.Administration.IsReachableAsync(CancellationToken.None), Is.True);
            Assert.That(Node.BulkRequests, Is.EqualTo(before + 2), "the failed write and the one after recovery");
        });
    }
}
