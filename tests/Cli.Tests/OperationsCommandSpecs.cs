using System.Text;
using Commerce.LocalSystem;
using Commerce.Operations.DeadLetters;
using RabbitMQ.Client;

namespace Commerce.Cli.Tests;

/// <summary>
/// <c>commerce-cli orders stuck</c>, <c>commerce-cli status</c> and <c>commerce-cli dlq show</c> as an
/// operator runs them: a real process, reading the test's own database and virtual host.
/// </summary>
[TestFixture]
public sealed class OperationsCommandSpecs
{
    private const string ErrorQueue = "probe_error";

    private ThrowawayDatabase _database = null!;
    private ThrowawayVirtualHost _virtualHost = null!;
    private TestOrders.StuckScenario _scenario = null!;

    private IReadOnlyDictionary<string, string> Environment => CliProcess.Environment(_database.ConnectionString, _virtualHost.Name);

    [OneTimeSetUp]
    public async Task Create()
    {
        _database = await ThrowawayDatabase.CreateAsync("cli");
        _virtualHost = await ThrowawayVirtualHost.CreateAsync("cli");
        _scenario = await TestOrders.SeedStuckScenarioAsync(_database);
        await PutDeadLettersAsync(_virtualHost, ErrorQueue, ["{}", "{}"]);
    }

    [OneTimeTearDown]
    public async Task Drop()
    {
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Orders_stuck_lists_the_stuck_orders_longest_stuck_first()
    {
        var (exitCode, output) = await CliProcess.RunAsync(["orders", "stuck"], Environment);
        var (_, olderThanTwoHours) = await CliProcess.RunAsync(["orders", "stuck", "--older-than", "2h"], Environment);
        var (_, limited) = await CliProcess.RunAsync(["orders", "stuck", "--limit", "1"], Environment);

        var positions = _scenario.Stuck.Select(o => output.IndexOf(o.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(positions, Is.All.GreaterThanOrEqualTo(0), output);
            Assert.That(positions, Is.Ordered, "longest-stuck first");
            Assert.That(output, Does.Contain("NotStarted").And.Contain("AwaitingPayment").And.Contain("3 order(s) with no status change for more than 15m"));
            Assert.That(_scenario.NotStuck.Where(id => output.Contains(id.ToString(), StringComparison.Ordinal)), Is.Empty, output);
            Assert.That(olderThanTwoHours, Does.Contain(_scenario.Stuck[0].Id.ToString()).And.Contain("1 order(s)"), olderThanTwoHours);
            Assert.That(limited, Does.Contain(_scenario.Stuck[0].Id.ToString()).And.Not.Contain(_scenario.Stuck[1].Id.ToString()), limited);
        });
    }

    [TestCase("--older-than", "15x", "--older-than: '15x' is not an age such as 900, 15m, 2h, 1d or 00:15:00")]
    [TestCase("--older-than", "0s", "--older-than: '0s' must be positive")]
    [TestCase("--older-than", "-5m", "--older-than: '-5m' must be positive")]
    [TestCase("--older-than", "400d", "--older-than: '400d' must be at most 365d")]
    [TestCase("--limit", "0", "--limit must be between 1 and 1000")]
    public async Task Orders_stuck_refuses_a_bad_value_as_a_usage_error_that_says_what_is_wrong(string option, string value, string message)
    {
        var (exitCode, output) = await CliProcess.RunAsync(["orders", "stuck", option, value], Environment);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain(message).And.Contain("Usage:"), output);
        });
    }

    [TestCase("show", "--limit", "0")]
    [TestCase("retry", "--max", "0")]
    [TestCase("retry", "--rate", "-1")]
    public async Task Dlq_refuses_a_count_or_rate_that_is_not_positive(string verb, string option, string value)
    {
        var (exitCode, output) = await CliProcess.RunAsync(["dlq", verb, ErrorQueue, option, value], Environment);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain($"{option} must be positive"), output);
        });
    }

    [Test]
    public async Task Status_shows_the_queues_the_dead_letters_the_stuck_orders_and_the_outbox()
    {
        var (exitCode, output) = await CliProcess.RunAsync(["status"], Environment);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain(ErrorQueue));
            Assert.That(output, Does.Contain("Dead letters: 2 message(s) in 1 of 1 _error queue(s)"));
            Assert.That(output, Does.Contain("Stuck orders: 3 "));
            Assert.That(output, Does.Contain("Bus outbox: 0 transaction(s) pending"));
        });
    }

    [Test]
    public async Task Status_without_PostgreSQL_still_shows_the_queues_and_says_so_in_one_line()
    {
        var unreachable = $"Host=127.0.0.1;Port={FreePort.Next()};Database=commerce;Username=commerce;Password=commerce";

        var (exitCode, output) = await CliProcess.RunAsync(["status"], CliProcess.Environment(unreachable, _virtualHost.Name));

        var lines = output.Split('\n').Where(l => l.Contains("PostgreSQL", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain(ErrorQueue).And.Contain("Dead letters: 2"));
            Assert.That(lines, Has.Count.EqualTo(1), output);
            Assert.That(lines[0], Does.StartWith("PostgreSQL unreachable"));
            Assert.That(output, Does.Not.Contain("Stuck orders:"));
        });
    }

    [Test]
    public async Task Dlq_show_prints_each_body_and_says_in_one_line_when_one_was_cut_and_how_long_it_was()
    {
        // A virtual host of this test's own: another _error queue in the fixture's would change what status counts.
        await using var virtualHost = await ThrowawayVirtualHost.CreateAsync("cli-dlq");
        var large = $"{{\"message\":\"{new string('x', DeadLetterMessage.MaxBodyBytes + 4096)}\"}}";
        await PutDeadLettersAsync(virtualHost, ErrorQueue, [large, "{\"message\":{\"n\":1}}"]);

        var (exitCode, output) = await CliProcess.RunAsync(["dlq", "show", ErrorQueue], CliProcess.Environment(_database.ConnectionString, virtualHost.Name));

        var marks = output.Split('\n').Where(l => l.Contains("body cut at", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(marks, Has.Count.EqualTo(1), output);
            Assert.That(marks[0], Does.StartWith($"body cut at {DeadLetterMessage.MaxBodyBytes} of {Encoding.UTF8.GetByteCount(large)} bytes"));
            Assert.That(output, Does.Contain(large[..DeadLetterMessage.MaxBodyBytes]), "the first 16 KiB, on one line");
            Assert.That(output, Does.Not.Contain(large), "the whole body");
            Assert.That(output, Does.Contain("{\"message\":{\"n\":1}}"));
        });
    }

    /// <summary>Messages with these bodies in an <c>_error</c> queue, once the management API (which status and dlq read) counts them.</summary>
    private static async Task PutDeadLettersAsync(ThrowawayVirtualHost virtualHost, string queue, IReadOnlyList<string> bodies)
    {
        var factory = new ConnectionFactory
        {
            HostName = LocalServices.Current.RabbitMqHost,
            VirtualHost = virtualHost.Name,
            UserName = LocalServices.Current.RabbitMqUsername,
            Password = LocalServices.Current.RabbitMqPassword,
        };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            foreach (var body in bodies)
            {
                await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(body));
            }
        }

        await Poll.UntilAsync(
            async () => (await virtualHost.Management.GetQueuesAsync(virtualHost.Name, CancellationToken.None)).Any(q => q.Name == queue && q.Messages == bodies.Count),
            TimeSpan.FromSeconds(30),
            $"the management API to count {bodies.Count} message(s) in {queue}");
    }
}
