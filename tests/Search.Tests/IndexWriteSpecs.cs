using Commerce.Search.Tests.Support;

namespace Commerce.Search.Tests;

/// <summary>The bulk writer against recorded answers: the body it sends and how it reads each item.</summary>
[TestFixture]
public sealed class IndexWriteSpecs : ScriptedSpecs
{
    [Test]
    public async Task An_upsert_writes_to_the_alias_with_require_alias_external_versions_and_a_tombstone_as_a_document()
    {
        Elasticsearch.Answer("POST", "/products/_bulk", 200, Recorded.Response("bulk-upserted"));

        await Search.Writer.UpsertAsync([TestProducts.Shoe(), ProductDocument.Tombstone(TestProducts.GoneId, 12)], CancellationToken.None);

        var request = Elasticsearch.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/products/_bulk"));
            Assert.That(request.Query, Does.Contain("require_alias=true"));
        });
        JsonAssert.AreEqualLines(Recorded.Request("bulk-upsert").Json, request.Body, "bulk body");
    }

    [Test]
    public async Task A_rebuild_writes_into_the_concrete_index_without_require_alias()
    {
        Elasticsearch.Answer("POST", "/products-20261204060000000/_bulk", 200, Recorded.Response("bulk-created"));

        await Search.Writer.UpsertIntoAsync("products-20261204060000000", [TestProducts.Shoe()], CancellationToken.None);

        var request = Elasticsearch.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/products-20261204060000000/_bulk"));
            Assert.That(request.Query, Does.Not.Contain("require_alias"));
        });
    }

    [Test]
    public async Task A_version_conflict_item_counts_as_stale_and_the_others_as_written()
    {
        Elasticsearch.Answer("POST", "/products/_bulk", 200, Recorded.Response("bulk-conflict"));

        var outcome = await Search.Writer.UpsertAsync([TestProducts.Shoe(), TestProducts.Gone(), TestProducts.Sock()], CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new BulkIndexOutcome(Written: 2, Stale: 1)));
    }

    [Test]
    public void Items_failing_for_another_reason_fail_the_write_counted_by_type_without_document_text()
    {
        Elasticsearch.Answer("POST", "/products/_bulk", 200, Recorded.Response("bulk-mapping-error"));

        var failure = Assert.ThrowsAsync<SearchIndexException>(() => Search.Writer.UpsertAsync([TestProducts.Shoe(), TestProducts.Gone(), TestProducts.Sock()], CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("2 of 3"));
            Assert.That(failure.Message, Does.Contain("document_parsing_exception × 1").And.Contain("strict_dynamic_mapping_exception × 1"));
            Assert.That(failure.ToString(), Does.Not.Contain("Secret").And.Not.Contain("Winter"));
        });
    }

    [Test]
    public async Task A_missing_alias_on_upsert_creates_the_first_index_behind_it_and_retries_once()
    {
        Elasticsearch
            .Answer("POST", "/products/_bulk", 200, Recorded.Response("bulk-alias-missing"))
            .Answer("GET", "/_alias/products", 404, Recorded.Response("alias-missing"))
            .Answer("PUT", "/products-00000000000000000", 200, Recorded.Response("index-created"))
            .Answer("POST", "/products/_bulk", 200, Recorded.Response("bulk-created"));

        var outcome = await Search.Writer.UpsertAsync([TestProducts.Shoe()], CancellationToken.None);

        var requests = Elasticsearch.Requests;
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(new BulkIndexOutcome(Written: 1, Stale: 0)));
            Assert.That(requests.Select(r => $"{r.Method} {r.Path}"), Is.EqualTo(new[]
            {
                "POST /products/_bulk",
                "GET /_alias/products",
                "PUT /products-00000000000000000",
                "POST /products/_bulk",
            }));
            Assert.That(requests[^1].Query, Does.Contain("require_alias=true"), "the retry still only writes through the alias");
        });
        var created = System.Text.Json.Nodes.JsonNode.Parse(requests[2].Body)!;
        Assert.Multiple(() =>
        {
            Assert.That(created["aliases"]!.AsObject().Select(a => a.Key), Is.EqualTo(new[] { "products" }), "the alias comes with the index, atomically");
            Assert.That(created["mappings"]!["dynamic"]!.GetValue<string>(), Is.EqualTo("strict"));
        });
    }
}
