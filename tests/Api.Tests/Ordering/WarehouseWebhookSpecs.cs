using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commerce.Api.Tests.Storefront;
using Commerce.LocalSystem;
using RabbitMQ.Client;

namespace Commerce.Api.Tests.Ordering;

/// <summary>
/// The warehouse webhook's signature (reliability plan S7): over the raw bytes, fresh in both
/// directions, and either secret of a rotation. On a virtual host of its own, so the events it
/// accepts reach no one else's saga.
/// </summary>
[TestFixture]
public sealed class WarehouseWebhookSpecs : StorefrontFixture
{
    private const string CurrentSecret = "whsec-test-current-0123456789abcdef";
    private const string NextSecret = "whsec-test-next-0123456789abcdefghij";

    private const string DispatchedExchange = "Commerce.Contracts.Fulfillment:ShipmentDispatched";

    private ThrowawayVirtualHost _virtualHost = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["RabbitMq:VirtualHost"] = _virtualHost.Name,
        ["Warehouse:WebhookSecrets:0"] = CurrentSecret,
        ["Warehouse:WebhookSecrets:1"] = NextSecret,
        ["Warehouse:Tolerance"] = "00:05:00",
    };

    protected override async Task BeforeHostStartsAsync() => _virtualHost = await ThrowawayVirtualHost.CreateAsync("webhook");

    protected override async Task AfterHostStoppedAsync() => await _virtualHost.DisposeAsync();

    [TestCase(CurrentSecret)]
    [TestCase(NextSecret)]
    public async Task Either_secret_of_a_rotation_is_accepted_and_a_third_is_not(string secret)
    {
        var body = Event();

        using var accepted = await PostAsync(body, Sign(body, secret, DateTimeOffset.UtcNow));
        using var refused = await PostAsync(body, Sign(body, "whsec-test-retired-0123456789abcdef", DateTimeOffset.UtcNow));

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_same_json_reserialized_is_401_because_the_signature_covers_the_bytes()
    {
        var body = Event();
        var signature = Sign(body, CurrentSecret, DateTimeOffset.UtcNow);
        var reserialized = JsonNode.Parse(body)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        using var asSigned = await PostAsync(body, signature);
        using var sameMeaning = await PostAsync(reserialized, signature);

        Assert.That(reserialized, Is.Not.EqualTo(body));
        Assert.That(asSigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await asSigned.Content.ReadAsStringAsync());
        Assert.That(sameMeaning.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase(240, HttpStatusCode.OK)]
    [TestCase(360, HttpStatusCode.Unauthorized)]
    public async Task A_timestamp_ahead_of_now_is_accepted_only_within_the_tolerance(int secondsAhead, HttpStatusCode expected)
    {
        var body = Event();

        using var response = await PostAsync(body, Sign(body, CurrentSecret, DateTimeOffset.UtcNow.AddSeconds(secondsAhead)));

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_replay_within_the_tolerance_is_200_again_and_publishes_the_same_message_for_the_inbox_to_drop()
    {
        await using var connection = await new ConnectionFactory
        {
            HostName = LocalServices.Current.RabbitMqHost,
            VirtualHost = _virtualHost.Name,
            UserName = LocalServices.Current.RabbitMqUsername,
            Password = LocalServices.Current.RabbitMqPassword,
        }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // The exchange MassTransit publishes ShipmentDispatched to, declared as it declares it.
        await channel.ExchangeDeclareAsync(DispatchedExchange, ExchangeType.Fanout, durable: true);
        var probe = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(probe, DispatchedExchange, string.Empty);
        var body = Event();
        var signature = Sign(body, CurrentSecret, DateTimeOffset.UtcNow);

        using var first = await PostAsync(body, signature);
        using var replay = await PostAsync(body, signature);
        var messageIds = new List<string?>();
        await Poll.UntilAsync(
            async () =>
            {
                if (await channel.BasicGetAsync(probe, autoAck: true) is { } delivered)
                {
                    messageIds.Add(delivered.BasicProperties.MessageId);
                }

                return messageIds.Count == 2;
            },
            TimeSpan.FromSeconds(30),
            "both published ShipmentDispatched messages");

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(messageIds[0], Is.Not.Null.And.Not.Empty);
            Assert.That(messageIds[1], Is.EqualTo(messageIds[0]), "one message id, so the saga's inbox takes it once");
        });
    }

    private static string Event() =>
        $$"""{"eventId":"evt-{{Guid.NewGuid():N}}","type":"shipment.dispatched","orderId":"{{Guid.NewGuid()}}","carrier":"DHL","trackingNumber":"TRK-1","occurredAt":"{{DateTimeOffset.UtcNow:O}}"}""";

    /// <summary>As the warehouse signs: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>.</summary>
    private static string Sign(string body, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/v1/webhooks/warehouse"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Warehouse-Signature", signature);
        return await Client.SendAsync(request);
    }
}
