using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commerce.EndToEnd.Tests.Support;
using Commerce.Persistence.Seeding;
using Npgsql;

namespace Commerce.EndToEnd.Tests;

/// <summary>Live order status over server-sent events, and the signed warehouse webhook.</summary>
[TestFixture]
public sealed class LiveStatusAndWebhookSpecs
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] HappyPath = ["Submitted", "AwaitingPayment", "Confirmed", "Shipped", "Delivered"];

    /// <summary><c>OrderStatusListener.ApplicationName</c> of the Api (internal there; the Api runs as a process here).</summary>
    private const string OrderStatusListenerName = "commerce-order-status-listener";
    private RunningSystem _system = null!;
    private SandboxClient _sandbox = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _system = await RunningSystem.StartAsync();
        _sandbox = new SandboxClient(_system.Sandbox);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _sandbox.DisposeAsync();
        await _system.DisposeAsync();
    }

    private async Task<Guid> AnyProduct()
    {
        using var http = new HttpClient { BaseAddress = _system.Api };
        var page = await http.GetFromJsonAsync<JsonObject>("api/v1/products?pageSize=1");
        return page!["items"]![0]!["id"]!.GetValue<Guid>();
    }

    /// <summary>The notification sender tags every email with its event type (custom_args <c>event_type</c>).</summary>
    private static bool IsShippedEmail(MailRecord mail) => mail.CustomArgs.GetValueOrDefault("event_type") == "shipped";

    private static async Task<string> AccessToken(Uri api)
    {
        using var http = new HttpClient { BaseAddress = api };
        using var login = await http.PostAsJsonAsync("api/v1/auth/login", new { email = DemoDataSeeder.CustomerEmail, password = DemoDataSeeder.CustomerPassword });
        return (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    [Test]
    public async Task A_client_of_the_other_Api_instance_sees_every_status_change_live()
    {
        await _sandbox.SetWarehouseDelaysAsync(dispatchAfterSeconds: 1, deliverAfterSeconds: 2);
        using var shopper = await ShopperClient.LogInAsync(_system.Api, DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);
        var orderId = await shopper.PlaceOrderAsync(await AnyProduct(), 1);

        // Watch on the second instance while the checkout went through the first.
        using var http = new HttpClient { BaseAddress = _system.SecondApi, Timeout = Deadline };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AccessToken(_system.SecondApi));
        using var response = await http.GetAsync(new Uri($"api/v1/orders/{orderId}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var statuses = new List<string>();
        using var timeout = new CancellationTokenSource(Deadline);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                statuses.Add(JsonNode.Parse(line[5..])!["status"]!.GetValue<string>());
            }
        }

        // The stream ends by itself at the final status; the first event is whatever the order was at.
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Has.Count.GreaterThanOrEqualTo(2));
            Assert.That(statuses[^1], Is.EqualTo("Delivered"));
            var progress = statuses.Select(s => Array.IndexOf(HappyPath, s)).ToList();
            Assert.That(progress, Is.Ordered.Ascending.And.All.GreaterThanOrEqualTo(0), string.Join(" → ", statuses));
        });
    }

    [Test]
    public async Task A_stream_keeps_up_when_the_Api_loses_its_listening_connection()
    {
        try
        {
            var (shopper, orderId) = await ConfirmedOrderTheWarehouseHolds();
            shopper.Dispose();
            using var http = new HttpClient { BaseAddress = _system.SecondApi, Timeout = Deadline };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AccessToken(_system.SecondApi));
            using var response = await http.GetAsync(new Uri($"api/v1/orders/{orderId}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            using var timeout = new CancellationTokenSource(Deadline);
            Assert.That(await NextStatus(reader, timeout.Token), Is.EqualTo("Confirmed"));

            // Both instances lose their listening session; the changes below may commit before or
            // after they are back, and the stream must show them either way.
            var before = await ListenerSessions();
            Assert.That(before, Has.Count.EqualTo(2), "one listening session per Api instance");
            await TerminateListenerSessions();
            using (await WarehouseWebhook.PostAsync(_system.Api, WarehouseWebhook.Event($"evt-{Guid.NewGuid():N}", "shipment.dispatched", orderId)))
            {
            }

            Assert.That(await NextStatus(reader, timeout.Token), Is.EqualTo("Shipped"));
            using (await WarehouseWebhook.PostAsync(_system.Api, WarehouseWebhook.Event($"evt-{Guid.NewGuid():N}", "shipment.delivered", orderId)))
            {
            }

            Assert.That(await NextStatus(reader, timeout.Token), Is.EqualTo("Delivered"));
            await Poll.UntilAsync(async () => (await ListenerSessions()) is { Count: 2 } after && !after.Intersect(before).Any(), Deadline, "both instances listening again on new sessions");
        }
        finally
        {
            await _sandbox.SetWarehouseDelaysAsync(dispatchAfterSeconds: 1, deliverAfterSeconds: 2);
        }
    }

    /// <summary>An order placed and confirmed while the warehouse holds every parcel: the test posts the webhooks itself.</summary>
    private async Task<(ShopperClient Shopper, Guid OrderId)> ConfirmedOrderTheWarehouseHolds()
    {
        await _sandbox.SetWarehouseDelaysAsync(dispatchAfterSeconds: 600, deliverAfterSeconds: 600);
        var shopper = await ShopperClient.LogInAsync(_system.Api, DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);
        var orderId = await shopper.PlaceOrderAsync(await AnyProduct(), 1);
        await shopper.WaitForStatusAsync(orderId, Deadline, "Confirmed");
        return (shopper, orderId);
    }

    private static async Task<string?> NextStatus(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return JsonNode.Parse(line[5..])!["status"]!.GetValue<string>();
            }
        }

        return null;
    }

    private Task<List<int>> ListenerSessions() => OnListenerSessions("pid");

    private Task<List<int>> TerminateListenerSessions() => OnListenerSessions("pg_terminate_backend(pid)::int");

    /// <summary>Evaluates <paramref name="expression"/> for each Api listening session of this system's database.</summary>
    private async Task<List<int>> OnListenerSessions(string expression)
    {
        await using var connection = new NpgsqlConnection(_system.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {expression} FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", connection);
        command.Parameters.AddWithValue("name", OrderStatusListenerName);
        var values = new List<int>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            values.Add(rows.GetInt32(0));
        }

        return values;
    }

    [Test]
    public async Task A_repeated_webhook_is_accepted_and_takes_effect_once()
    {
        try
        {
            var (shopper, orderId) = await ConfirmedOrderTheWarehouseHolds();
            using var owned = shopper;
            var body = WarehouseWebhook.Event($"evt-{Guid.NewGuid():N}", "shipment.dispatched", orderId);

            using var first = await WarehouseWebhook.PostAsync(_system.Api, body);
            using var again = await WarehouseWebhook.PostAsync(_system.SecondApi, body);
            var shipped = await shopper.WaitForStatusAsync(orderId, Deadline, "Shipped");
            await Poll.UntilAsync(async () => (await _sandbox.MailAsync(orderId)).Any(IsShippedEmail), Deadline, "the shipped email");

            Assert.Multiple(async () =>
            {
                Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(ShopperClient.Timeline(shipped).Count(s => s == "Shipped"), Is.EqualTo(1));
                Assert.That(shipped["shipment"]?["carrier"]?.GetValue<string>(), Is.EqualTo("DHL"));
                Assert.That((await _sandbox.MailAsync(orderId)).Count(IsShippedEmail), Is.LessThanOrEqualTo(1));
            });
        }
        finally
        {
            await _sandbox.SetWarehouseDelaysAsync(dispatchAfterSeconds: 1, deliverAfterSeconds: 2);
        }
    }

    /// <summary>
    /// Reliability plan S8: a URL a webhook carries (a tracking page, an image) is data that no host
    /// fetches, and it never reaches the shopper; a canary on 127.0.0.1 counts any request made to it.
    /// </summary>
    [Test]
    public async Task A_url_in_a_webhook_is_never_fetched_and_never_reaches_the_shopper()
    {
        await using var canary = await LoopbackServer.CanaryAsync();
        try
        {
            var (shopper, orderId) = await ConfirmedOrderTheWarehouseHolds();
            using var owned = shopper;
            var urls = $$""","trackingUrl":"{{new Uri(canary.Address, "track")}}","imageUrl":"{{new Uri(canary.Address, "label.png")}}"}""";
            var body = WarehouseWebhook.Event($"evt-{Guid.NewGuid():N}", "shipment.dispatched", orderId)[..^1] + urls;

            using var accepted = await WarehouseWebhook.PostAsync(_system.Api, body);
            var shipped = await shopper.WaitForStatusAsync(orderId, Deadline, "Shipped");
            await Poll.UntilAsync(async () => (await _sandbox.MailAsync(orderId)).Any(IsShippedEmail), Deadline, "the shipped email");
            var email = (await _sandbox.MailAsync(orderId)).First(IsShippedEmail);

            Assert.Multiple(() =>
            {
                Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(canary.Hits, Is.Zero, "a request reached the canary");
                Assert.That(shipped.ToJsonString(), Does.Not.Contain(canary.Address.Authority), "the order the shopper reads");
                Assert.That($"{email.Html}{email.Text}", Does.Not.Contain(canary.Address.Authority), "the shipped email");
            });
        }
        finally
        {
            await _sandbox.SetWarehouseDelaysAsync(dispatchAfterSeconds: 1, deliverAfterSeconds: 2);
        }
    }

    [TestCase("one byte changed")]
    [TestCase("stale timestamp")]
    [TestCase("missing header")]
    [TestCase("another secret")]
    public async Task A_webhook_that_fails_verification_is_refused(string fault)
    {
        var body = WarehouseWebhook.Event($"evt-{Guid.NewGuid():N}", "shipment.dispatched", Guid.NewGuid());

        using var response = fault switch
        {
            "one byte changed" => await PostTampered(body),
            "stale timestamp" => await WarehouseWebhook.PostAsync(_system.Api, body, signedAt: DateTimeOffset.UtcNow.AddSeconds(-301)),
            "missing header" => await WarehouseWebhook.PostAsync(_system.Api, body, sign: false),
            _ => await WarehouseWebhook.PostAsync(_system.Api, body, secret: "not-the-secret"),
        };

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    /// <summary>Signs the body, then changes one byte of it in flight.</summary>
    private async Task<HttpResponseMessage> PostTampered(string body)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var mac = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(WarehouseWebhook.DevelopmentSecret), System.Text.Encoding.UTF8.GetBytes($"{t}.{body}")));
        using var http = new HttpClient { BaseAddress = _system.Api };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/webhooks/warehouse")
        {
            Content = new StringContent(body.Replace("DHL", "DHM", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Warehouse-Signature", $"t={t},v1={mac}");
        return await http.SendAsync(request);
    }
}
