using System.Net;
using System.Text;
using Commerce.Api.Tests.Storefront;
using Commerce.LocalSystem;
using Commerce.Operations.DeadLetters;
using Commerce.Persistence.Operations;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace Commerce.Api.Tests.Operations;

/// <summary>The dead-letter routes: admin only, <c>_error</c> queues only, every action audited with the caller.</summary>
[TestFixture]
public sealed class DeadLetterAdminSpecs : StorefrontFixture
{
    private const string ErrorQueue = "audit-probe_error";

    /// <summary>Slow enough that a retry of a few messages is seen half-way; one message per audit batch.</summary>
    private const int RetryRatePerSecond = 2;

    private ThrowawayVirtualHost _virtualHost = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["RabbitMq:VirtualHost"] = _virtualHost.Name,
        ["DeadLetters:RetryRatePerSecond"] = RetryRatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override async Task BeforeHostStartsAsync() => _virtualHost = await ThrowawayVirtualHost.CreateAsync("deadletteradmin");

    protected override async Task AfterHostStoppedAsync() => await _virtualHost.DisposeAsync();

    [TestCase("GET", "/api/v1/admin/dead-letters")]
    [TestCase("GET", "/api/v1/admin/dead-letters/audit-probe_error")]
    [TestCase("POST", "/api/v1/admin/dead-letters/audit-probe_error/retry")]
    [TestCase("POST", "/api/v1/admin/dead-letters/audit-probe_error/discard")]
    public Task A_customer_gets_403_and_no_token_gets_401(string method, string url) =>
        AssertAdminOnlyAsync(new HttpMethod(method), url, method == "POST" ? new { } : null);

    [Test]
    public async Task A_queue_that_is_not_an_error_queue_is_400()
    {
        var admin = await LoginAdminAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/admin/dead-letters/order-state/retry", admin.AccessToken, new { });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [TestCase(0)]
    [TestCase(1001)]
    [TestCase(int.MaxValue)]
    public async Task A_max_out_of_range_is_a_validation_problem(int max)
    {
        var admin = await LoginAdminAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/admin/dead-letters/{ErrorQueue}/retry", admin.AccessToken, new { max });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_peek_cuts_a_large_body_and_says_so()
    {
        const string queue = "peek-probe_error";
        var admin = await LoginAdminAsync();
        var large = new string('x', DeadLetterMessage.MaxBodyBytes + 4096);
        await PutDeadLettersAsync(queue, 1, _ => $"{{\"message\":\"{large}\"}}");
        await PutDeadLettersAsync(queue, 1);

        using var shown = await SendAsync(HttpMethod.Get, $"/api/v1/admin/dead-letters/{queue}", admin.AccessToken);
        var letters = await JsonAsync(shown);

        Assert.Multiple(() =>
        {
            Assert.That(shown.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(letters[0].GetProperty("body").GetString()!, Has.Length.LessThanOrEqualTo(DeadLetterMessage.MaxBodyBytes));
            Assert.That(letters[0].GetProperty("bodyBytes").GetInt32(), Is.EqualTo(large.Length + 14));
            Assert.That(letters[0].GetProperty("bodyTruncated").GetBoolean(), Is.True);
            Assert.That(letters[1].GetProperty("body").GetString(), Is.EqualTo("{\"message\":{\"n\":0}}"));
            Assert.That(letters[1].GetProperty("bodyTruncated").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task A_retry_from_the_api_runs_at_the_configured_rate()
    {
        const string queue = "rate-probe_error";
        var admin = await LoginAdminAsync();
        await DeclareQueueAsync("rate-probe");
        var messageIds = await PutDeadLettersAsync(queue, 4);

        var retry = SendAsync(HttpMethod.Post, $"/api/v1/admin/dead-letters/{queue}/retry", admin.AccessToken, new { });
        // Unthrottled, one audit batch takes all four at once; at the rate, they are appended one by one.
        await Poll.UntilAsync(
            async () =>
            {
                await using var db = Database.CreateContext();
                var row = await db.DeadLetterActions.AsNoTracking().SingleOrDefaultAsync(a => a.Queue == queue);
                return row is { Outcome: DeadLetterAuditTrail.Running, Count: > 0 and < 4 };
            },
            TimeSpan.FromSeconds(30),
            "the retry's audit row running with some, not all, messages moved");
        using var response = await retry;
        var result = await JsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(result.GetProperty("retried").GetInt32(), Is.EqualTo(messageIds.Count));
        });
    }

    [Test]
    public async Task An_admin_sees_and_discards_dead_letters_and_the_action_is_audited_with_the_admin()
    {
        var admin = await LoginAdminAsync();
        var messageIds = await PutDeadLettersAsync(ErrorQueue, 2);

        using var shown = await SendAsync(HttpMethod.Get, $"/api/v1/admin/dead-letters/{ErrorQueue}?limit=10", admin.AccessToken);
        var letters = await JsonAsync(shown);
        using var discarded = await SendAsync(HttpMethod.Post, $"/api/v1/admin/dead-letters/{ErrorQueue}/discard", admin.AccessToken, new { messageIds = new[] { messageIds[0] } });
        var result = await JsonAsync(discarded);

        await using var db = Database.CreateContext();
        var audit = await db.DeadLetterActions.AsNoTracking().SingleAsync(a => a.Queue == ErrorQueue);
        Assert.Multiple(() =>
        {
            Assert.That(shown.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(letters.EnumerateArray().Select(l => l.GetProperty("messageId").GetString()), Is.EqualTo(messageIds));
            Assert.That(letters[0].GetProperty("exceptionType").GetString(), Is.EqualTo("System.InvalidOperationException"));
            Assert.That(discarded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(result.GetProperty("discarded").GetInt32(), Is.EqualTo(1));
            Assert.That(result.GetProperty("remaining").GetInt64(), Is.EqualTo(1));
            Assert.That(audit.Action, Is.EqualTo(DeadLetterAction.Discard));
            Assert.That(audit.Actor, Does.Contain("admin@example.com"));
            Assert.That(audit.MessageIds, Is.EqualTo(new[] { messageIds[0] }));
            Assert.That(audit.Count, Is.EqualTo(1));
            Assert.That(audit.Outcome, Is.EqualTo("ok"));
        });
    }

    private async Task DeclareQueueAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
    }

    /// <summary>An <c>_error</c> queue with messages carrying the headers MassTransit's fault move sets.</summary>
    private async Task<List<string>> PutDeadLettersAsync(string errorQueue, int count, Func<int, string>? body = null)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(errorQueue, durable: true, exclusive: false, autoDelete: false);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString();
            var properties = new BasicProperties
            {
                MessageId = id,
                Persistent = true,
                ContentType = "application/vnd.masstransit+json",
                Headers = new Dictionary<string, object?>
                {
                    ["MT-Reason"] = "fault",
                    ["MT-Fault-ExceptionType"] = "System.InvalidOperationException",
                    ["MT-Fault-Message"] = "probe",
                    ["MT-Fault-Timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
                },
            };
            var text = body?.Invoke(i) ?? $"{{\"message\":{{\"n\":{i}}}}}";
            await channel.BasicPublishAsync(string.Empty, errorQueue, mandatory: true, properties, Encoding.UTF8.GetBytes(text));
            ids.Add(id);
        }

        return ids;
    }

    private Task<IConnection> ConnectAsync() => new ConnectionFactory
    {
        HostName = LocalServices.Current.RabbitMqHost,
        VirtualHost = _virtualHost.Name,
        UserName = LocalServices.Current.RabbitMqUsername,
        Password = LocalServices.Current.RabbitMqPassword,
    }.CreateConnectionAsync();
}
