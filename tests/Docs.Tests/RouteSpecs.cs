using System.Text.RegularExpressions;

namespace Commerce.Docs.Tests;

/// <summary>
/// Every route the Api maps is documented: in the tables of the API contract
/// (<c>../shared/spec/api.md</c>) or in the Markdown under docs/ (the route table of
/// docs/architecture/c4-components.md). Routes are read from the source of src/Api (and the health
/// and metrics endpoints of src/ServiceDefaults), so the check needs no running Api; a mapping it
/// cannot resolve fails the test rather than being skipped.
/// </summary>
[TestFixture]
public sealed partial class RouteSpecs
{
    private static readonly string[] SourceFolders = [Path.Combine("src", "Api"), Path.Combine("src", "ServiceDefaults")];

    [Test]
    public void The_source_scan_finds_the_routes_of_the_api()
    {
        var routes = MappedRoutes().Select(r => r.Key).ToList();
        TestContext.Out.WriteLine(string.Join("\n", routes));
        Assert.Multiple(() =>
        {
            Assert.That(routes, Has.Count.GreaterThanOrEqualTo(20));
            Assert.That(routes, Does.Contain("POST /api/v1/checkout"));
            Assert.That(routes, Does.Contain("GET /api/v1/orders/{}/events"));
            Assert.That(routes, Does.Contain("PUT /api/v1/admin/products/{}/stock"));
            Assert.That(routes, Does.Contain("GET /health/ready"));
        });
    }

    [Test]
    public void Every_mapped_route_is_in_the_api_contract_or_the_docs()
    {
        var documented = DocumentedRoutes();
        var missing = MappedRoutes()
            .Where(r => !documented.Contains(r.Key))
            .Select(r => $"{r.Key}   ({r.Source})")
            .ToList();
        Assert.That(
            missing,
            Is.Empty,
            "undocumented routes: add them to ../shared/spec/api.md or to the route table of docs/architecture/c4-components.md, written as `METHOD /full/path` ({param} for parameters)");
    }

    [Test]
    public void The_api_contract_is_beside_the_repository()
    {
        if (DocFiles.ApiContract is null)
        {
            Assert.Ignore("../shared/spec/api.md is not present in this checkout; routes were checked against docs/ only.");
        }

        Assert.That(Routes(File.ReadAllText(DocFiles.ApiContract!)), Is.Not.Empty);
    }

    /// <summary>Routes written as <c>METHOD /path</c> in the contract and in docs/ (query strings ignored).</summary>
    private static HashSet<string> DocumentedRoutes()
    {
        var texts = DocFiles.Markdown().Where(f => f.StartsWith(DocFiles.Docs, StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        if (DocFiles.ApiContract is { } contract)
        {
            texts.Add(File.ReadAllText(contract));
        }

        return [.. texts.SelectMany(Routes)];
    }

    internal static IEnumerable<string> Routes(string markdown) =>
        DocumentedRoute().Matches(markdown).Select(m => Key(m.Groups["method"].Value, m.Groups["path"].Value));

    /// <summary>
    /// The routes mapped in the source: <c>x.MapGet("…")</c> and friends on a receiver whose prefix is
    /// known — <c>app</c> (the root), a <c>this RouteGroupBuilder v1</c> parameter (the group that
    /// <c>ApiExtensions</c> creates), or a local <c>var g = parent.MapGroup("…")</c>.
    /// </summary>
    internal static List<(string Key, string Source)> MappedRoutes()
    {
        var apiExtensions = File.ReadAllText(Path.Combine(DocFiles.Root, "src", "Api", "ApiExtensions.cs"));
        var root = VersionGroup().Match(apiExtensions);
        Assert.That(root.Success, "ApiExtensions.MapApi no longer creates `var v1 = app.MapGroup(\"…\")`; update RouteSpecs");
        var v1Prefix = root.Groups["path"].Value;

        var routes = new List<(string, string)>();
        var unresolved = new List<string>();
        foreach (var file in SourceFolders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(DocFiles.Root, f), "*.cs", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var source = File.ReadAllText(file);
            var relative = DocFiles.Relative(file);
            var prefixes = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = string.Empty };
            foreach (Match p in GroupParameter().Matches(source))
            {
                if (p.Groups["name"].Value != "v1")
                {
                    unresolved.Add($"{relative}: RouteGroupBuilder parameter '{p.Groups["name"].Value}' (only 'v1' is known to be {v1Prefix})");
                }

                prefixes[p.Groups["name"].Value] = v1Prefix;
            }

            foreach (Match g in GroupVariable().Matches(source))
            {
                if (prefixes.TryGetValue(g.Groups["parent"].Value, out var parent))
                {
                    prefixes[g.Groups["name"].Value] = parent + g.Groups["path"].Value;
                }
                else
                {
                    unresolved.Add($"{relative}: group '{g.Groups["name"].Value}' on unknown receiver '{g.Groups["parent"].Value}'");
                }
            }

            foreach (Match m in MapCall().Matches(source))
            {
                var method = m.Groups["verb"].Value switch
                {
                    "HealthChecks" or "PrometheusScrapingEndpoint" => "GET",
                    var verb => verb.ToUpperInvariant(),
                };
                if (prefixes.TryGetValue(m.Groups["receiver"].Value, out var prefix))
                {
                    routes.Add((Key(method, prefix + m.Groups["path"].Value), relative));
                }
                else
                {
                    unresolved.Add($"{relative}: Map{m.Groups["verb"].Value}(\"{m.Groups["path"].Value}\") on unknown receiver '{m.Groups["receiver"].Value}'");
                }
            }

            if (MapMethods().IsMatch(source))
            {
                unresolved.Add($"{relative}: MapMethods/Map(...) is not understood by this scan");
            }
        }

        Assert.That(unresolved, Is.Empty, "route mappings the scan cannot resolve; extend RouteSpecs");
        return [.. routes.DistinctBy(r => r.Item1).OrderBy(r => r.Item1, StringComparer.Ordinal)];
    }

    /// <summary><c>GET /api/v1/products/{id:guid}/</c> and <c>GET /api/v1/products/{productId}</c> both become <c>GET /api/v1/products/{}</c>.</summary>
    internal static string Key(string method, string path)
    {
        var normalised = Parameter().Replace(path, "{}");
        normalised = Regex.Replace(normalised, "/{2,}", "/");
        if (normalised.Length > 1)
        {
            normalised = normalised.TrimEnd('/');
        }

        return $"{method.ToUpperInvariant()} {(normalised.Length == 0 ? "/" : normalised)}";
    }

    [GeneratedRegex(@"var\s+v1\s*=\s*app\s*\.\s*MapGroup\(\s*""(?<path>[^""]+)""\s*\)")]
    private static partial Regex VersionGroup();

    [GeneratedRegex(@"this\s+RouteGroupBuilder\s+(?<name>\w+)")]
    private static partial Regex GroupParameter();

    [GeneratedRegex(@"var\s+(?<name>\w+)\s*=\s*(?<parent>\w+)\s*\.\s*MapGroup\(\s*""(?<path>[^""]*)""\s*\)")]
    private static partial Regex GroupVariable();

    [GeneratedRegex(@"(?<receiver>\w+)\s*\.\s*Map(?<verb>Get|Post|Put|Delete|Patch|HealthChecks|PrometheusScrapingEndpoint)\s*\(\s*""(?<path>[^""]*)""")]
    private static partial Regex MapCall();

    [GeneratedRegex(@"\.\s*Map(Methods)?\s*\(\s*""")]
    private static partial Regex MapMethods();

    [GeneratedRegex(@"\{[^}/]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\b(?<method>GET|POST|PUT|DELETE|PATCH)\s+(?<path>/[^\s`|?,)*]*)")]
    private static partial Regex DocumentedRoute();
}
