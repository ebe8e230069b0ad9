using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Sandbox.Tests.Support;

namespace Commerce.Sandbox.Tests.Warehouse;

/// <summary>The warehouse API and its signed webhooks, received by a real HTTP listener in the test.</summary>
[TestFixture]
public sealed class FulfillmentSpecs
{
    private const string Secret = "warehouse-test-secret";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private WebhookListener _listener = null!;
    private SandboxServer _sandbox = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _listener = await WebhookListener.StartAsync();
        _sandbox = SandboxServer.Start(new Dictionary<string, string?>
        {
            ["Sandbox:Warehouse:WebhookUrl"] = _listener.Url.ToString(),
            ["Sandbox:Warehouse:WebhookSecret"] = Secret,
            ["Sandbox:Warehouse:DispatchAfter"] = "00:00:00.200",
            ["Sandbox:Warehouse:DeliverAfter"] = "00:00:00.500",
            ["Sandbox:Warehouse:RetryAfter"] = "00:00:00.200",
            ["Sandbox:Warehouse:MaxRetryAfter"] = "00:00:01",
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _sandbox.DisposeAsync();
        await _listener.DisposeAsync();
    }

    [TearDown]
    public async Task Restore()
    {
        _listener.FailNext(0);
        using var response = await _sandbox.Http.PutAsJsonAsync(new Uri("/sandbox/warehouse/settings", UriKind.Relative), new { webhookCopies = 1 });
        response.EnsureSuccessStatusCode();
        await _sandbox.ClearFaultsAsync();
    }

    private async Task<HttpResponseMessage> RequestAsync(string orderId, string requestId) =>
        await _sandbox.Http.PostAsJsonAsync(new Uri("/warehouse/v1/fulfillments", UriKind.Relative), new
        {
            orderId,
            lines = new[] { new { sku = "SKU-001", quantity = 2 } },
            shippingAddress = new { name = "A Customer", line1 = "1 Main St", city = "Springfield", postalCode = "12345", country = "US" },
            requestId,
        });

    /// <summary>The webhooks received for an order, with their bodies parsed.</summary>
    private List<(ReceivedWebhook Raw, JsonElement Body)> WebhooksFor(string orderId) =>
        [.. _listener.Received
            .Select(w => (Raw: w, Body: JsonDocument.Parse(w.Body).RootElement))
            .Where(w => w.Body.GetProperty("orderId").GetString() == orderId)];

    private async Task<FulfillmentRecord> RecordAsync(string orderId) =>
        (await _sandbox.GetAsync<List<FulfillmentRecord>>($"/sandbox/warehouse/fulfillments?orderId={orderId}")).Single();

    // Every test waits until its order's webhooks are all answered 200, so none is still in flight
    // when the next test starts (the listener's 503 switch would otherwise catch another test's webhook).
    private Task<TimeSpan> WebhooksDeliveredAsync(string orderId, int copies = 1) => Poll.UntilAsync(
        async () => (await RecordAsync(orderId)).Webhooks is { Count: 2 } webhooks && webhooks.All(w => w.Deliveries == copies),
        Deadline,
        $"both webhooks of order {orderId} delivered");

    [Test]
    public async Task An_accepted_fulfilment_is_dispatched_then_delivered_through_signed_webhooks()
    {
        var orderId = Guid.NewGuid().ToString();

        using var response = await RequestAsync(orderId, Guid.NewGuid().ToString());
        var accepted = await response.Content.ReadFromJsonAsync<FulfillmentAccepted>();
        await WebhooksDeliveredAsync(orderId);

        var webhooks = WebhooksFor(orderId);
        var record = await RecordAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(accepted!.FulfillmentId, Is.Not.Empty);
            Assert.That(webhooks.Select(w => w.Body.GetProperty("type").GetString()), Is.EqualTo(new[] { "shipment.dispatched", "shipment.delivered" }));
            Assert.That(webhooks.Select(w => WebhookListener.HasValidSignature(w.Raw, Secret, DateTimeOffset.UtcNow)), Is.All.True);
            Assert.That(webhooks.Select(w => w.Body.GetProperty("eventId").GetString()).Distinct().Count(), Is.EqualTo(2));
            Assert.That(webhooks.Select(w => w.Body.GetProperty("carrier").GetString()), Is.All.EqualTo(record.Carrier));
            Assert.That(webhooks.Select(w => w.Body.GetProperty("trackingNumber").GetString()), Is.All.EqualTo(record.TrackingNumber).And.All.Not.Empty);
            Assert.That(webhooks[0].Body.GetProperty("occurredAt").GetDateTimeOffset(), Is.LessThan(webhooks[1].Body.GetProperty("occurredAt").GetDateTimeOffset()));
            Assert.That(record.FulfillmentId, Is.EqualTo(accepted.FulfillmentId));
            Assert.That(record.Status, Is.EqualTo("delivered"));
            Assert.That(record.Webhooks.Select(w => (w.Type, w.Deliveries)), Is.EqualTo(new[] { ("shipment.dispatched", 1), ("shipment.delivered", 1) }));
        });
    }

    [Test]
    public async Task A_signature_made_with_another_secret_or_over_other_bytes_does_not_verify()
    {
        var orderId = Guid.NewGuid().ToString();
        using var response = await RequestAsync(orderId, Guid.NewGuid().ToString());
        await WebhooksDeliveredAsync(orderId);

        var webhook = WebhooksFor(orderId)[0].Raw;
        Assert.Multiple(() =>
        {
            Assert.That(WebhookListener.HasValidSignature(webhook, Secret, DateTimeOffset.UtcNow), Is.True);
            Assert.That(WebhookListener.HasValidSignature(webhook, "another-secret", DateTimeOffset.UtcNow), Is.False);
            Assert.That(WebhookListener.HasValidSignature(webhook with { Body = webhook.Body.Replace("shipment", "shipmenT", StringComparison.Ordinal) }, Secret, DateTimeOffset.UtcNow), Is.False);
            Assert.That(WebhookListener.HasValidSignature(webhook, Secret, DateTimeOffset.UtcNow.AddMinutes(6)), Is.False, "stale after 300 s");
        });
    }

    [Test]
    public async Task A_repeated_request_id_returns_the_same_fulfilment_and_ships_once()
    {
        var orderId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();

        using var first = await RequestAsync(orderId, requestId);
        using var second = await RequestAsync(orderId, requestId);
        var firstId = (await first.Content.ReadFromJsonAsync<FulfillmentAccepted>())!.FulfillmentId;
        var secondId = (await second.Content.ReadFromJsonAsync<FulfillmentAccepted>())!.FulfillmentId;
        await WebhooksDeliveredAsync(orderId);

        var records = await _sandbox.GetAsync<List<FulfillmentRecord>>($"/sandbox/warehouse/fulfillments?orderId={orderId}");
        Assert.Multiple(() =>
        {
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(secondId, Is.EqualTo(firstId));
            Assert.That(records, Has.Count.EqualTo(1));
            Assert.That(records[0].Webhooks, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Webhooks_are_retried_with_the_same_event_id_while_the_Api_answers_503()
    {
        var orderId = Guid.NewGuid().ToString();
        _listener.FailNext(3);

        using var response = await RequestAsync(orderId, Guid.NewGuid().ToString());
        await WebhooksDeliveredAsync(orderId);

        var received = WebhooksFor(orderId);
        var record = await RecordAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(received.Count(w => w.Raw.AnsweredWith == 503), Is.EqualTo(3));
            Assert.That(received.Count(w => w.Raw.AnsweredWith == 200), Is.EqualTo(2));
            Assert.That(received.Select(w => w.Body.GetProperty("eventId").GetString()).Distinct().Count(), Is.EqualTo(2), "retries reuse the event id");
            Assert.That(received.Select(w => WebhookListener.HasValidSignature(w.Raw, Secret, DateTimeOffset.UtcNow)), Is.All.True);
            Assert.That(record.Webhooks.Sum(w => w.Attempts), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Run_time_settings_can_send_every_event_more_than_once()
    {
        using var set = await _sandbox.Http.PutAsJsonAsync(new Uri("/sandbox/warehouse/settings", UriKind.Relative), new { webhookCopies = 3 });
        var orderId = Guid.NewGuid().ToString();

        using var response = await RequestAsync(orderId, Guid.NewGuid().ToString());
        await WebhooksDeliveredAsync(orderId, copies: 3);

        var received = WebhooksFor(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(received.GroupBy(w => w.Body.GetProperty("eventId").GetString()).Select(g => g.Count()), Is.EqualTo(new[] { 3, 3 }));
        });
    }

    [Test]
    public async Task An_invalid_request_is_refused_with_the_fields_named()
    {
        using var response = await _sandbox.Http.PostAsJsonAsync(new Uri("/warehouse/v1/fulfillments", UriKind.Relative), new { orderId = "", lines = Array.Empty<object>() });

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "orderId", "lines", "shippingAddress", "requestId" }));
        });
    }

    [Test]
    public async Task A_warehouse_that_is_down_accepts_nothing()
    {
        var orderId = Guid.NewGuid().ToString();
        await _sandbox.SetFaultAsync("warehouse", new { mode = "down" });

        using var response = await RequestAsync(orderId, Guid.NewGuid().ToString());

        var records = await _sandbox.GetAsync<List<FulfillmentRecord>>($"/sandbox/warehouse/fulfillments?orderId={orderId}");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(records, Is.Empty);
        });
    }
}
