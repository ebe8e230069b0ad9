namespace Commerce.Docs.Tests;

/// <summary>
/// README's API table, the first place a client developer looks: it lists every <c>/api/v1</c>
/// route of the contract, and each of its rows is a route the Api maps (rows leave out <c>/api/v1</c>).
/// </summary>
[TestFixture]
public sealed class ReadmeRouteSpecs
{
    private const string Prefix = "/api/v1";

    [Test]
    public void The_readme_api_table_lists_every_route_of_the_contract_and_only_mapped_routes()
    {
        if (DocFiles.ApiContract is not { } contract)
        {
            Assert.Ignore("../shared/spec/api.md is not beside the repository; The_api_contract_is_beside_the_repository reports it");
            return;
        }

        var table = TableRoutes();
        var contractRoutes = RouteSpecs.Routes(File.ReadAllText(contract)).Where(r => r.Contains($" {Prefix}/", StringComparison.Ordinal)).ToHashSet();
        var mapped = RouteSpecs.MappedRoutes().Select(r => r.Key).ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(contractRoutes, Is.Not.Empty);
            Assert.That(contractRoutes.Where(r => !table.Contains(r)), Is.Empty, "contract routes missing from README's API table");
            Assert.That(table.Where(r => !mapped.Contains(r)), Is.Empty, "README API rows the Api does not map");
        });
    }

    /// <summary>The routes of the table rows under README's <c>## API</c>, with <c>/api/v1</c> put back.</summary>
    private static HashSet<string> TableRoutes()
    {
        var readme = File.ReadAllText(Path.Combine(DocFiles.Root, "README.md"));
        var start = readme.IndexOf("\n## API\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README has an ## API section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var rows = readme[start..(end < 0 ? readme.Length : end)].Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal));
        return [.. rows.SelectMany(RouteSpecs.Routes).Select(r => r.Replace(" /", $" {Prefix}/", StringComparison.Ordinal))];
    }
}
