using System.Net;
using System.Text;
using System.Text.Json;
using Commerce.LocalSystem;
using RabbitMQ.Client;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// Every admin change of a product publishes <c>ProductChanged</c> through the Api's bus outbox,
/// with the product's next version; a change that is refused publishes nothing. Read straight off
/// a queue bound to the event's exchange on a virtual host of the suite's own.
/// </summary>
[TestFixture]
public sealed class CatalogEventSpecs : StorefrontFixture
{
    private const string Exchange = "Commerce.Contracts.Catalog:ProductChanged";
    private const string Queue = "catalog-event-specs";

    private ThrowawayVirtualHost _virtualHost = null!;
    private IConnection _connection = null!;
    private IChannel _channel = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["RabbitMq:VirtualHost"] = _virtualHost.Name,
    };

    protected override async Task BeforeHostStartsAsync()
    {
        _virtualHost = await ThrowawayVirtualHost.CreateAsync("catalog-events");
        var services = LocalServices.Current;
        _connection = await new ConnectionFactory
        {
            HostName = services.RabbitMqHost,
            Port = services.RabbitMqPort,
            VirtualHost = _virtualHost.Name,
            UserName = services.RabbitMqUsername,
            Password = services.RabbitMqPassword,
        }.CreateConnectionAsync();
        _channel = await _connection.CreateChannelAsync();
        // As MassTransit declares a published type's exchange; the Api publishes into it.
        await _channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
        await _channel.QueueDeclareAsync(Queue, durable: false, exclusive: false, autoDelete: false);
        await _channel.QueueBindAsync(Queue, Exchange, string.Empty);
    }

    protected override async Task AfterHostStoppedAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        await _virtualHost.DisposeAsync();
    }

    [Test]
    public async Task Each_admin_change_publishes_ProductChanged_with_the_next_version_and_a_refused_one_publishes_nothing()
    {
        var admin = (await LoginAdminAsync()).AccessToken;
        var sku = $"EVT-{Guid.NewGuid():N}"[..20];
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/admin/products", admin,
            new { sku, name = "Event Lantern", description = "glows", category = "outdoor", price = 12.50m, available = 3 });
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();
        using var duplicate = await SendAsync(HttpMethod.Post, "/api/v1/admin/products", admin,
            new { sku, name = "Same SKU", category = "outdoor", price = 1.00m });
        using var updated = await SendAsync(HttpMethod.Put, $"/api/v1/admin/products/{id}", admin,
            new { sku, name = "Event Lamp", description = "glows", category = "outdoor", price = 14.00m });
        using var restocked = await SendAsync(HttpMethod.Put, $"/api/v1/admin/products/{id}/stock", admin, new { available = 9 });
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/admin/products/{id}", admin);

        var events = new List<JsonElement>();
        await Poll.UntilAsync(
            async () =>
            {
                while (await _channel.BasicGetAsync(Queue, autoAck: true) is { } got)
                {
                    using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(got.Body.Span));
                    events.Add(envelope.RootElement.GetProperty("message").Clone());
                }

                return events.Count >= 4;
            },
            TimeSpan.FromSeconds(30),
            "four ProductChanged events");

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(restocked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(events.Select(e => e.GetProperty("productId").GetGuid()), Is.All.EqualTo(id), "nothing from the refused duplicate");
            Assert.That(events.Select(e => e.GetProperty("version").GetInt64()).Order(), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
            var byVersion = events.ToDictionary(e => e.GetProperty("version").GetInt64());
            Assert.That(byVersion[1].GetProperty("name").GetString(), Is.EqualTo("Event Lantern"));
            Assert.That(byVersion[2].GetProperty("name").GetString(), Is.EqualTo("Event Lamp"));
            Assert.That(DecimalOf(byVersion[3].GetProperty("price")), Is.EqualTo(14.00m));
            Assert.That(byVersion[4].GetProperty("deleted").GetBoolean(), Is.True);
            Assert.That(byVersion.Where(e => e.Key < 4).Select(e => e.Value.GetProperty("deleted").GetBoolean()), Is.All.False);
        });
    }

    /// <summary>MassTransit's serializer may write a decimal as a JSON string, to keep its precision.</summary>
    private static decimal DecimalOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetDecimal();

    [Test]
    public async Task Two_saves_of_the_same_read_are_one_success_and_one_409()
    {
        var admin = (await LoginAdminAsync()).AccessToken;
        var sku = $"CNC-{Guid.NewGuid():N}"[..20];
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/admin/products", admin,
            new { sku, name = "Contended", category = "outdoor", price = 5.00m });
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();

        var saves = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            SendAsync(HttpMethod.Put, $"/api/v1/admin/products/{id}", admin, new { sku, name = $"Contended {i}", category = "outdoor", price = 5.00m })));
        var statuses = saves.Select(s => s.StatusCode).ToList();
        foreach (var save in saves)
        {
            save.Dispose();
        }

        await using var db = Database.CreateContext();
        var version = db.Products.Single(p => p.Id == id).Version;
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));
            Assert.That(version, Is.EqualTo(1 + statuses.Count(s => s == HttpStatusCode.OK)), "each successful save took its own version");
        });
    }
}
