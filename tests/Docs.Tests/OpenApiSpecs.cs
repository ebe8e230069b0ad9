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

    [Test]
    public void Every_operation_has_one_described_capability_tag_a_summary_and_a_description()
    {
        var tags = _document.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null, StringComparer.Ordinal);
        var operations = DescribedOperations().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(tags.Values, Has.None.Null.And.None.Empty, "every tag has a description");
            // C# class names (CheckoutEndpoint, Commerce.Api) are what the framework falls back to.
            Assert.That(tags.Keys, Has.None.Contains("Endpoint").And.None.Contains("Commerce."));
            foreach (var (key, operation) in operations)
            {
                var opTags = operation.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                Assert.That(opTags, Has.Count.EqualTo(1).And.All.Matches<string>(tags.ContainsKey), key + " has one tag of the document's list");
                Assert.That(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null, Is.Not.Null.And.Not.Empty, key + " summary");
                Assert.That(operation.TryGetProperty("description", out var description) ? description.GetString() : null, Is.Not.Null.And.Not.Empty, key + " description");
            }
        });
    }

    [Test]
    public void The_document_has_an_info_description_a_contact_and_servers_without_a_trailing_slash()
    {
        var info = _document.GetProperty("info");

        Assert.Multiple(() =>
        {
            Assert.That(info.GetProperty("description").GetString(), Does.Contain("problem+json"));
            Assert.That(info.GetProperty("contact").GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(_document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()), Is.Not.Empty.And.None.EndsWith("/"));
        });
    }

    [Test]
    public void Anonymous_operations_declare_an_empty_security_requirement()
    {
        var anonymous = ProductEndpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var operations = DescribedOperations().Where(o => anonymous.Contains(o.Key)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(operations.Select(o => o.Key), Does.Contain("POST /api/v1/auth/login"));
            foreach (var (key, operation) in operations)
            {
                Assert.That(operation.TryGetProperty("security", out var security) ? security.GetArrayLength() : -1, Is.Zero, key);
            }
        });
    }

    [Test]
    public void Every_error_response_is_problem_json_with_a_schema_that_allows_the_trace_id()
    {
        var errors = DescribedOperations()
            .SelectMany(o => o.Operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5').Select(r => (o.Key, Status: r.Name, Response: r.Value)))
            .ToList();
        var schemas = _document.GetProperty("components").GetProperty("schemas");

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Count.GreaterThan(40));
            foreach (var (key, status, response) in errors)
            {
                Assert.That(response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _), Is.True, $"{key} {status} has a problem+json body");
            }

            foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
            {
                Assert.That(schemas.GetProperty(name).GetProperty("properties").TryGetProperty("traceId", out _), Is.True, name);
            }
        });
    }

    [TestCase("POST /api/v1/checkout", "400", "401", "409", "413", "415", "429", "503")]
    [TestCase("GET /api/v1/orders/{}", "401", "404", "429")]
    [TestCase("GET /api/v1/orders/{}/events", "401", "404", "429")]
    [TestCase("POST /api/v1/orders/{}/cancel", "401", "404", "409", "429")]
    [TestCase("POST /api/v1/auth/login", "400", "401", "429")]
    [TestCase("POST /api/v1/auth/register", "400", "409", "429")]
    [TestCase("GET /api/v1/products/{}", "404", "429")]
    [TestCase("PUT /api/v1/admin/products/{}/stock", "400", "401", "403", "404", "429")]
    [TestCase("POST /api/v1/webhooks/warehouse", "400", "401")]
    public void An_operation_declares_the_errors_the_api_answers_it_with(string key, params string[] statuses)
    {
        var operation = DescribedOperations().Single(o => o.Key == key).Operation;

        Assert.That(operation.GetProperty("responses").EnumerateObject().Select(r => r.Name), Is.SupersetOf(statuses));
    }

    [Test]
    public void The_checkout_requires_a_described_Idempotency_Key_and_its_202_has_a_Location()
    {
        var checkout = DescribedOperations().Single(o => o.Key == "POST /api/v1/checkout").Operation;
        var key = checkout.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        var body = checkout.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");

        Assert.Multiple(() =>
        {
            Assert.That(key.GetProperty("in").GetString(), Is.EqualTo("header"));
            Assert.That(key.GetProperty("required").GetBoolean(), Is.True);
            Assert.That(key.GetProperty("description").GetString(), Is.Not.Empty);
            Assert.That(checkout.GetProperty("responses").GetProperty("202").GetProperty("headers").TryGetProperty("Location", out _), Is.True);
            Assert.That(Resolve(body).GetProperty("examples")[0].GetProperty("paymentMethod").GetString(), Is.EqualTo("pm_card_visa"));
        });
    }

    [Test]
    public void The_document_is_no_stricter_than_the_api_items_line2_and_the_webhook_body()
    {
        var checkout = Schema("CheckoutRequest");
        var address = Schema("CheckoutAddress");
        var webhook = DescribedOperations().Single(o => o.Key == "POST /api/v1/webhooks/warehouse").Operation;

        Assert.Multiple(() =>
        {
            Assert.That(Required(checkout), Does.Not.Contain("items").And.Contain("paymentMethod"));
            Assert.That(Required(address), Does.Not.Contain("line2").And.Contain("line1"));
            Assert.That(webhook.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), Is.True);
            Assert.That(webhook.GetProperty("parameters").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Warehouse-Signature" && p.GetProperty("required").GetBoolean()), Is.True);
        });
    }

    [Test]
    public void No_schema_is_an_anonymous_type_and_no_number_may_be_a_string()
    {
        var schemas = _document.GetProperty("components").GetProperty("schemas");
        var text = _document.GetRawText();

        Assert.Multiple(() =>
        {
            Assert.That(schemas.EnumerateObject().Select(s => s.Name), Has.None.Contains("AnonymousType"));
            // The web defaults' "integer or string with a pattern", which the strict number handling removes.
            Assert.That(text, Does.Not.Contain("\"integer\",\"string\"").And.Not.Contain("\"number\",\"string\""));
            Assert.That(Schema("CheckoutItem").GetProperty("properties").GetProperty("quantity").GetProperty("type").GetString(), Is.EqualTo("integer"));
        });
    }

    [Test]
    public void Order_status_is_an_enum_of_the_contracts_values()
    {
        string[] contract = ["Submitted", "AwaitingPayment", "Confirmed", "Shipped", "Delivered", "Rejected", "PaymentFailed", "Cancelled"];

        Assert.Multiple(() =>
        {
            foreach (var name in new[] { "OrderView", "OrderStatusEvent", "TimelineEntryView", "CheckoutAccepted" })
            {
                var status = Schema(name).GetProperty("properties").GetProperty("status");
                Assert.That(status.GetProperty("enum").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(contract), name);
            }
        });
    }

    [Test]
    public void The_status_stream_is_described_as_text_event_stream_with_its_event_schema()
    {
        var ok = DescribedOperations().Single(o => o.Key == "GET /api/v1/orders/{}/events").Operation.GetProperty("responses").GetProperty("200").GetProperty("content");
        var stream = ok.GetProperty("text/event-stream");

        Assert.Multiple(() =>
        {
            Assert.That(ok.EnumerateObject().Select(c => c.Name), Is.EqualTo(new[] { "text/event-stream" }));
            Assert.That(stream.GetProperty("schema").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(stream.GetProperty("x-sse-event").GetProperty("data").GetProperty("$ref").GetString(), Is.EqualTo("#/components/schemas/OrderStatusEvent"));
        });
    }

    [Test]
    public async Task Spectral_oas_finds_no_error_and_no_warning_in_the_document()
    {
        var result = await OpenApiLinters.SpectralAsync(await SavedDocumentAsync());

        Assert.That(result.ExitCode, Is.Zero, result.Output);
    }

    [Test]
    public async Task Redocly_recommended_finds_no_error_and_no_warning_in_the_document()
    {
        var result = await OpenApiLinters.RedoclyAsync(await SavedDocumentAsync());

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.Output);
            Assert.That(result.Output, Does.Contain("Woohoo!"), result.Output);
            // Redocly's summary line; warnings alone leave the exit code at 0.
            Assert.That(result.Output, Does.Not.Match("You have [0-9]+ warning"), result.Output);
        });
    }

    /// <summary>The live document in a file of the test's own, for the linters.</summary>
    private async Task<string> SavedDocumentAsync()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, _document.GetRawText());
        return path;
    }

    private JsonElement Schema(string name) => _document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? Schema(reference.GetString()!.Split('/')[^1]) : schema;

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];

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
