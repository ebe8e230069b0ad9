using Commerce.Search.Tests.Support;

namespace Commerce.Search.Tests;

/// <summary>Index creation, the alias lookup and swap against recorded answers.</summary>
[TestFixture]
public sealed class IndexAdministrationSpecs : ScriptedSpecs
{
    [Test]
    public async Task Creating_an_index_names_it_after_the_alias_and_the_utc_time_and_sends_the_strict_mapping()
    {
        Elasticsearch.Answer("PUT", null, 200, Recorded.Response("index-created"));
        var before = DateTime.UtcNow;

        var index = await Search.Administration.CreateIndexAsync(CancellationToken.None);

        Assert.That(index, Does.Match("^products-[0-9]{17}$"));
        var stamp = DateTime.ParseExact(index["products-".Length..], "yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var request = Elasticsearch.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(stamp, Is.GreaterThanOrEqualTo(new DateTime(before.Ticks - (before.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc)).And.LessThanOrEqualTo(DateTime.UtcNow));
            Assert.That(request.Method, Is.EqualTo("PUT"));
            Assert.That(request.Path, Is.EqualTo("/" + index));
        });
        JsonAssert.AreEqual(Recorded.Request("create-index").Json, request.Body, "index creation body");
    }

    [Test]
    public async Task The_alias_targets_are_the_indices_the_alias_answer_names()
    {
        Elasticsearch.Answer("GET", "/_alias/products", 200, Recorded.Response("alias-two-indices"));

        var targets = await Search.Administration.AliasTargetsAsync(CancellationToken.None);

        Assert.That(targets, Is.EqualTo(new[] { "products-20261204040000000", "products-20261204050000000" }));
    }

    [Test]
    public async Task A_missing_alias_has_no_targets()
    {
        Elasticsearch.Answer("GET", "/_alias/products", 404, Recorded.Response("alias-missing"));

        Assert.That(await Search.Administration.AliasTargetsAsync(CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Swapping_the_alias_removes_the_old_indices_and_adds_the_new_one_in_one_request()
    {
        Elasticsearch.Answer("POST", "/_aliases", 200, Recorded.Response("acknowledged"));

        await Search.Administration.SwapAliasAsync("products-20261204060000000", ["products-20261204040000000", "products-20261204050000000"], CancellationToken.None);

        var request = Elasticsearch.Requests.Single();
        JsonAssert.AreEqual(Recorded.Request("swap-alias").Json, request.Body, "alias actions");
    }

    [Test]
    public async Task The_readiness_check_is_a_head_request_and_true_when_the_node_answers()
    {
        Elasticsearch.Answer("HEAD", "/", 200, string.Empty);

        Assert.That(await Search.Administration.IsReachableAsync(CancellationToken.None), Is.True);
        Assert.That(Elasticsearch.Requests.Single().Method, Is.EqualTo("HEAD"));
    }
}
