using System.Text.Json;
using Commerce.Api;
using Commerce.LocalSystem;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Docs.Tests;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) describes every route the Api maps, and requires
/// the JWT bearer scheme on exactly the operations that need a token. The Api runs
/// in-process (Development, where the document is served) on a database and a RabbitMQ virtual host
/// of its own; the routes are read from the running host's endpoints, not from its source.
/// </summary>
[TestFixture]
public sealed class OpenApiSpecs
{
    /// <summary>
    /// Routes that are not part of the product API and so are left out of the document on purpose:
    /// the health probes (for the orchestrator) and the Prometheus scrape (for monitoring), which
    /// ServiceDefaults maps on every host; and, in Development only, the document itself and the
    /// Scalar page that reads it. They are listed in the route table of docs/architecture/c4-components.md
    /// instead (see <see cref="RouteSpecs"/>).
    /// </summary>
    private static readonly string[] InfrastructurePrefixes = ["/health/", "/metrics", "/openapi/", "/scalar"];

    /// <summary>The keys of a path item that are operations (the others are summary, parameters, servers…).</summary>
    private static readonly HashSet<string> OperationMethods = new(["get", "put", "post", "delete", "options", "head", "patch", "trace"], StringComparer.Ordinal);

    private ThrowawayDatabase _database = null!;
    private ThrowawayVirtualHost _virtualHost = null!;
    private HostFactory<Program> _host = null!;
    private JsonElement _document;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ThrowawayDatabase.CreateAsync("openapi");
        _virtualHost = await ThrowawayVirtualHost.CreateAsync("openapi");
        var settings = new Dictionary<string, string>(LocalServices.Current.HostSettings(_database.ConnectionString))
        {
            ["RabbitMq:VirtualHost"] = _virtualHost.Name,
        };
        _host = new HostFactory<Program>(settings);
        using var client = _host.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        _document = document.RootElement.Clone();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public void Every_mapped_route_is_in_the_OpenAPI_document()
    {
        var described = DescribedRoutes();
        var mapped = ProductRoutes();
        TestContext.Out.WriteLine(string.Join("\n", mapped));

        Assert.Multiple(() =>
        {
            // Guards against a vacuous pass, should the endpoints stop being found.
            Assert.That(mapped, Has.Count.GreaterThanOrEqualTo(20));
            Assert.That(
                mapped.Where(r => !described.Contains(r)),
                Is.Empty,
                "routes missing from /openapi/v1.json: remove ExcludeFromDescription, or make the handler describable (typed results, Produces…)");
        });
    }

    [Test]
    public void The_OpenAPI_document_describes_no_route_the_api_does_not_map()
    {
        var mapped = ProductRoutes().ToHashSet(StringComparer.Ordinal);

        Assert.That(DescribedRoutes().Where(r => !mapped.Contains(r)), Is.Empty);
    }

    [Test]
    public void The_source_scan_of_the_route_docs_check_finds_every_route_the_running_api_maps()
    {
        // RouteSpecs checks the docs against routes read from the source; this keeps that read honest.
        var scanned = RouteSpecs.MappedRoutes().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        Assert.That(ProductRoutes().Where(r => !scanned.Contains(r)), Is.Empty);
    }

    [Test]
    public void The_OpenAPI_document_has_the_JWT_bearer_security_scheme()
    {
        var scheme = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        Assert.Multiple(() =>
        {
            Assert.That(scheme.GetProperty("type").GetString(), Is.EqualTo("http"));
            Assert.That(scheme.GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
            Assert.That(scheme.GetProperty("bearerFormat").GetString(), Is.EqualTo("JWT"));
        });
    }

    [Test]
    public void Exactly_the_operations_that_need_a_token_require_the_bearer_scheme()
    {
        var needToken = ProductEndpoints()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.Key)
            .ToHashSet(StringComparer.Ordinal);
        var requireBearer = DescribedOperations()
            .Where(o => o.Operation.TryGetProperty("security", out var security) &&
                        security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _)))
            .Select(o => o.Key)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            // Both sides are derived; these pin a few known answers so an empty pair cannot pass.
            Assert.That(needToken, Does.Contain("POST /api/v1/checkout").And.Contain("PUT /api/v1/admin/products/{}/stock"));
            Assert.That(needToken, Does.Not.Contain("POST /api/v1/auth/login").And.Not.Contain("POST /api/v1/webhooks/warehouse"));
            Assert.That(requireBearer, Is.EquivalentTo(needToken));
        });
    }

    /// <summary>
    /// Every route endpoint of the running Api but the infrastructure ones, as <c>METHOD /path</c>
    /// normalised as <see cref="RouteSpecs.Key"/> does (parameters as <c>{}</c>, no trailing slash),
    /// with the endpoint's metadata. A route that answers every method (no method metadata) reads
    /// <c>* /path</c>, which no document operation matches, so such a product route fails the
    /// checks rather than slipping by.
    /// </summary>
    private IEnumerable<(string Key, EndpointMetadataCollection Metadata)> ProductEndpoints() =>
        _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'), e.Metadata))
            .Where(e => !InfrastructurePrefixes.Any(prefix => e.Path.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => (RouteSpecs.Key(method, e.Path), e.Metadata)));

    private List<string> ProductRoutes() => [.. ProductEndpoints().Select(e => e.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Every operation under <c>paths</c> in the document, keyed <c>METHOD /path</c> as above.</summary>
    private IEnumerable<(string Key, JsonElement Operation)> DescribedOperations() =>
        _document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => OperationMethods.Contains(operation.Name))
                .Select(operation => (RouteSpecs.Key(operation.Name, path.Name), operation.Value)));

    private HashSet<string> DescribedRoutes() => [.. DescribedOperations().Select(o => o.Key)];
}
