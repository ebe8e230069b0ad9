using Commerce.Messaging.Configuration;
using Commerce.Messaging.DeadLetters;
using Commerce.Messaging.Tests.Support;
using Commerce.Persistence.Operations;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace Commerce.Messaging.Tests.DeadLetters;

/// <summary>
/// Dead letters on the real broker: a consumer that fails for good fills <c>flaky-effect_error</c>;
/// the replayer shows them without taking them, retries them once the consumer is fixed (each
/// takes effect exactly once, also when a retry stops half-way and runs again), retries a
/// selection without moving the others, and discards to an archive queue.
/// </summary>
[TestFixture]
public sealed class ErrorQueueReplayerSpecs : MessagingFixture
{
    private const string ConsumerQueue = "flaky-effect";
    private const string ErrorQueue = "flaky-effect_error";

    private ErrorQueueReplayer _replayer = null!;
    private IConnection _connection = null!;

    [OneTimeSetUp]
    public async Task CreateReplayer()
    {
        var options = new RabbitMqOptions
        {
            Host = TestServices.RabbitMqHost,
            VirtualHost = VirtualHost.Name,
            Username = TestServices.RabbitMqUsername,
            Password = TestServices.RabbitMqPassword,
            ManagementUrl = TestServices.RabbitMqManagementUrl.ToString(),
        };
        _replayer = new ErrorQueueReplayer(options);
        _connection = await new ConnectionFactory
        {
            HostName = options.Host,
            VirtualHost = options.VirtualHost,
            UserName = options.Username,
            Password = options.Password,
        }.CreateConnectionAsync();
    }

    [OneTimeTearDown]
    public async Task DisposeReplayer()
    {
        FlakyEffectConsumer.Broken = false;
        _replayer.Dispose();
        await _connection.DisposeAsync();
    }

    [SetUp]
    public async Task BreakTheConsumer()
    {
        FlakyEffectConsumer.Broken = true;
        if (await ErrorCount() > 0)
        {
            await using var channel = await _connection.CreateChannelAsync();
            await channel.QueuePurgeAsync(ErrorQueue);
        }
    }

    [Test]
    public async Task A_message_failing_for_good_lands_in_error_with_its_fault_details_and_show_leaves_it_there()
    {
        var (ids, keys) = await SendFailing("fault", 1);
        await WaitForErrors(1);

        var first = await _replayer.PeekAsync(ErrorQueue, 50, CancellationToken.None);
        var second = await _replayer.PeekAsync(ErrorQueue, 50, CancellationToken.None);
        var queues = await _replayer.ListAsync(CancellationToken.None);

        var letter = first.Single();
        Assert.Multiple(async () =>
        {
            Assert.That(letter.MessageId, Is.EqualTo(ids[0]));
            Assert.That(letter.ExceptionType, Is.EqualTo(typeof(FlakyEffectException).FullName));
            Assert.That(letter.ExceptionMessage, Is.EqualTo($"refused {keys[0]}"));
            Assert.That(letter.Consumer, Does.Contain(nameof(FlakyEffectConsumer)));
            Assert.That(letter.MessageType, Does.Contain(nameof(FlakyEffect)));
            Assert.That(letter.FaultedAt, Is.Not.Null);
            Assert.That(letter.ReplayCount, Is.Zero);
            Assert.That(letter.Body, Does.Contain(keys[0]));
            Assert.That(second.Select(m => m.MessageId), Is.EqualTo(new[] { ids[0] }), "show removes nothing");
            Assert.That(await ErrorCount(), Is.EqualTo(1));
            Assert.That(queues.Select(q => q.Queue), Does.Contain(ErrorQueue));
        });

        // Retried while the cause is still there: back in _error, same id, with the replay counted.
        var retried = await _replayer.RetryAsync(ErrorQueue, DeadLetterSelection.All, null, CancellationToken.None);
        Assert.That(retried.Moved, Is.EqualTo(1));
        await Poll.UntilAsync(
            async () => (await _replayer.PeekAsync(ErrorQueue, 10, CancellationToken.None)) is [{ ReplayCount: 1 } again] && again.MessageId == ids[0],
            Deadline,
            "the replayed message to fail again into _error with X-Replay-Count 1");
    }

    [Test]
    public async Task Retrying_500_dead_letters_while_the_host_runs_takes_effect_exactly_once_each()
    {
        var (_, keys) = await SendFailing("bulk", 500);
        await WaitForErrors(500);
        FlakyEffectConsumer.Broken = false;

        var moved = 0;
        var result = await _replayer.RetryAsync(ErrorQueue, DeadLetterSelection.All, new DeadLetterRunOptions { Moved = _ => moved++ }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Moved, Is.EqualTo(500));
            Assert.That(result.Remaining, Is.Zero);
            Assert.That(moved, Is.EqualTo(500), "progress reported for each");
        });
        await AssertEachTookEffectOnce(keys);
    }

    [Test]
    public async Task A_retry_stopped_half_way_and_run_again_still_takes_effect_exactly_once_each()
    {
        var (_, keys) = await SendFailing("cancelled", 200);
        await WaitForErrors(200);
        FlakyEffectConsumer.Broken = false;

        using var stop = new CancellationTokenSource();
        var moved = 0;
        var run = new DeadLetterRunOptions
        {
            RatePerSecond = 500,
            Moved = _ =>
            {
                if (++moved == 60)
                {
                    stop.Cancel();
                }
            },
        };
        Assert.That(
            async () => await _replayer.RetryAsync(ErrorQueue, DeadLetterSelection.All, run, stop.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await ErrorCount(), Is.InRange(200 - 61, 200 - 60), "what was not moved is back in _error");

        var second = await _replayer.RetryAsync(ErrorQueue, DeadLetterSelection.All, null, CancellationToken.None);

        Assert.That(second.Moved + moved, Is.InRange(200, 201), "a message confirmed but not acknowledged may go twice");
        await AssertEachTookEffectOnce(keys);
    }

    [Test]
    public async Task A_cli_retry_killed_with_SIGKILL_half_way_and_started_again_takes_effect_exactly_once_each()
    {
        const int count = 500;
        var (_, keys) = await SendFailing("sigkill", count);
        await WaitForErrors(count);
        FlakyEffectConsumer.Broken = false;
        // The CLI audits into the application's schema: a migrated database of its own.
        await using var audit = await TestDatabase.CreateAsync("dlq_cli");
        var environment = CliProcess.Environment(audit.ConnectionString, VirtualHost.Name);
        string[] retry = ["dlq", "retry", ErrorQueue];

        uint leftAfterKill;
        await using (var first = CliProcess.Start([.. retry, "--rate", "100"], environment))
        {
            await Poll.UntilAsync(async () => first.HasExited || await ErrorCount() <= count - 100, Deadline, "the first run to retry 100 messages");
            Assert.That(first.HasExited, Is.False, $"the first run ended before it was killed:\n{first.Output}");
            await first.KillAsync();
            leftAfterKill = await ErrorCount();
        }

        var (exitCode, output) = await CliProcess.RunAsync(retry, environment);

        await using var db = audit.CreateContext();
        var actions = await db.DeadLetterActions.AsNoTracking().OrderBy(a => a.At).ToListAsync();
        await TestContext.Out.WriteLineAsync($"killed with {leftAfterKill} of {count} left in {ErrorQueue}; audit: {string.Join(", ", actions.Select(a => $"{a.Outcome} {a.Count}"))}");
        Assert.Multiple(() =>
        {
            Assert.That(leftAfterKill, Is.InRange(1u, (uint)count - 100), "killed half-way: some moved, some not");
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("remaining in " + ErrorQueue));
            Assert.That(actions, Has.Count.EqualTo(2), "both runs are audited, the killed one too");
            // The killed run's row was written before it moved anything and kept current five times a second.
            Assert.That(actions[0].Outcome, Is.EqualTo(DeadLetterAuditTrail.Running));
            Assert.That(actions[0].Count, Is.InRange(1, count - (int)leftAfterKill), "the killed run's row names what it had moved (up to its last flush)");
            Assert.That(actions[1].Outcome, Is.EqualTo("ok"));
            Assert.That(actions[1].Count, Is.InRange((int)leftAfterKill, (int)leftAfterKill + 1), "the second run moved what was left");
            Assert.That(actions[0].MessageIds.Intersect(actions[1].MessageIds), Is.Empty, "no message is moved twice");
        });
        await AssertEachTookEffectOnce(keys);
    }

    [Test]
    public async Task Retrying_a_selection_leaves_the_other_messages_in_error_in_their_order()
    {
        var (ids, keys) = await SendFailing("selected", 10);
        await WaitForErrors(10);
        var before = (await _replayer.PeekAsync(ErrorQueue, 50, CancellationToken.None)).Select(m => m.MessageId!).ToList();
        FlakyEffectConsumer.Broken = false;
        string[] chosen = [ids[2], ids[5], ids[7]];

        var result = await _replayer.RetryAsync(ErrorQueue, new DeadLetterSelection(MessageIds: chosen), null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Moved, Is.EqualTo(3));
            Assert.That(result.Remaining, Is.EqualTo(7));
            Assert.That(result.MessageIds, Is.EquivalentTo(chosen));
        });
        foreach (var i in new[] { 2, 5, 7 })
        {
            await WaitForEffect(keys[i]);
        }

        var after = (await _replayer.PeekAsync(ErrorQueue, 50, CancellationToken.None)).Select(m => m.MessageId!).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(after, Is.EqualTo(before.Except(chosen).ToList()), "the others stay, in their order");
            foreach (var i in new[] { 0, 1, 3, 4, 6, 8, 9 })
            {
                Assert.That(await EffectCount(keys[i]), Is.Zero);
            }
        });
    }

    [Test]
    public async Task Discard_moves_to_the_archive_queue_instead_of_deleting()
    {
        var (_, keys) = await SendFailing("discard", 3);
        await WaitForErrors(3);

        var result = await _replayer.DiscardAsync(
            ErrorQueue, new DeadLetterSelection(ExceptionType: typeof(FlakyEffectException).FullName, Max: 2), null, retention: null, CancellationToken.None);
        var other = await _replayer.DiscardAsync(
            ErrorQueue, new DeadLetterSelection(ExceptionType: "System.TimeoutException"), null, retention: null, CancellationToken.None);

        await using var channel = await _connection.CreateChannelAsync();
        var archived = (await channel.QueueDeclarePassiveAsync(ErrorQueueReplayer.ArchiveQueueFor(ErrorQueue))).MessageCount;
        Assert.Multiple(async () =>
        {
            Assert.That(result.Moved, Is.EqualTo(2));
            Assert.That(result.Remaining, Is.EqualTo(1));
            Assert.That(other.Moved, Is.Zero, "no message has that exception type");
            Assert.That(archived, Is.EqualTo(2u));
            Assert.That(await ErrorCount(), Is.EqualTo(1));
            Assert.That(await EffectCount(keys[0]) + await EffectCount(keys[1]) + await EffectCount(keys[2]), Is.Zero);
        });
    }

    [Test]
    public void A_queue_that_is_not_an_error_queue_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => _replayer.RetryAsync(ConsumerQueue, DeadLetterSelection.All, null, CancellationToken.None), Throws.InstanceOf<InvalidDeadLetterRequestException>());
            Assert.That(() => _replayer.PeekAsync("_error", 1, CancellationToken.None), Throws.InstanceOf<InvalidDeadLetterRequestException>());
        });
    }

    [Test]
    public void Clean_headers_drop_the_fault_and_count_the_replay()
    {
        var headers = new Dictionary<string, object?>
        {
            ["MT-Reason"] = "fault"u8.ToArray(),
            ["MT-Fault-ExceptionType"] = "X"u8.ToArray(),
            ["MT-Host-MachineName"] = "m"u8.ToArray(),
            ["MT-Redelivery-Count"] = 6,
            ["Content-Type"] = "application/vnd.masstransit+json"u8.ToArray(),
            [ErrorQueueReplayer.ReplayCountHeader] = 2,
        };

        var clean = ErrorQueueReplayer.CleanHeaders(headers, DateTimeOffset.UnixEpoch);

        Assert.That(clean.Keys, Is.EquivalentTo(new[] { "Content-Type", ErrorQueueReplayer.ReplayCountHeader, ErrorQueueReplayer.ReplayedAtHeader }));
        Assert.That(clean[ErrorQueueReplayer.ReplayCountHeader], Is.EqualTo(3));
    }

    private async Task<(List<string> Ids, List<string> Keys)> SendFailing(string purpose, int count)
    {
        var endpoint = await Queue(ConsumerQueue);
        var run = NewId.NextGuid();
        var ids = new List<string>();
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = NewId.NextGuid();
            var key = $"{purpose}-{run}-{i}";
            await endpoint.Send(new FlakyEffect(key), context => context.MessageId = id);
            ids.Add(id.ToString());
            keys.Add(key);
        }

        return (ids, keys);
    }

    /// <summary>The exact count (the management API's lags); 0 until MassTransit declared the queue with the first fault.</summary>
    private async Task<uint> ErrorCount()
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(ErrorQueue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private Task<TimeSpan> WaitForErrors(int count) =>
        Poll.UntilAsync(async () => await ErrorCount() >= count, Deadline, $"{count} message(s) in {ErrorQueue}");

    private async Task AssertEachTookEffectOnce(List<string> keys)
    {
        var prefix = keys[0][..keys[0].LastIndexOf('-')];
        await Poll.UntilAsync(
            async () =>
            {
                await using var db = Db();
                return await db.Effects.CountAsync(e => e.Key.StartsWith(prefix)) >= keys.Count;
            },
            Deadline,
            $"{keys.Count} effects under {prefix}");

        await using var db = Db();
        var counts = await db.Effects.Where(e => e.Key.StartsWith(prefix)).ToDictionaryAsync(e => e.Key, e => e.Count);
        Assert.Multiple(async () =>
        {
            Assert.That(counts.Keys, Is.EquivalentTo(keys), "none lost");
            Assert.That(counts.Values, Is.All.EqualTo(1), "none twice");
            Assert.That(await ErrorCount(), Is.Zero);
        });
    }
}
