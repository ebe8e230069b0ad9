using Commerce.LocalSystem;
using Commerce.Messaging.Tests.Support;
using Commerce.Operations.DeadLetters;
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
        var options = LocalServices.Current.OperationsOptions(VirtualHost.Name);
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
        var (ids, keys) = await SendIntoErrorQueue("fault", 1);

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
        var (_, keys) = await SendIntoErrorQueue("bulk", 500);
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
        var (_, keys) = await SendIntoErrorQueue("cancelled", 200);
        FlakyEffectConsumer.Broken = false;

        using var stop = new CancellationTokenSource();
        var moved = 0;
        var recorded = new List<string>();
        var run = new DeadLetterRunOptions
        {
            RatePerSecond = 500,
            Recording = (ids, _) =>
            {
                recorded.AddRange(ids);
                return Task.CompletedTask;
            },
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
        Assert.Multiple(async () =>
        {
            Assert.That(moved, Is.InRange(60, 199), "stopped half-way; what was already published is finished");
            Assert.That(recorded, Has.Count.EqualTo(moved), "each moved message was recorded before it left _error");
            Assert.That(await ErrorCount(), Is.EqualTo(200 - moved), "what was not moved is back in _error");
        });

        var second = await _replayer.RetryAsync(ErrorQueue, DeadLetterSelection.All, null, CancellationToken.None);

        Assert.That(second.Moved + moved, Is.EqualTo(200));
        await AssertEachTookEffectOnce(keys);
    }

    [Test]
    public async Task Recording_that_fails_leaves_its_batch_in_error_and_stops_the_run()
    {
        var (_, keys) = await SendIntoErrorQueue("unrecorded", 30);
        var inQueueOrder = await ErrorQueueIds(100);
        FlakyEffectConsumer.Broken = false;
        var batches = 0;
        var run = new DeadLetterRunOptions
        {
            // Batches of 10: the second one cannot be recorded (as when PostgreSQL is down).
            RatePerSecond = 50,
            Recording = (_, _) => ++batches == 2 ? throw new InvalidOperationException("audit unavailable") : Task.CompletedTask,
        };

        Assert.That(async () => await _replayer.RetryAsync(ErrorQueue, DeadLetterSelection.All, run, CancellationToken.None), Throws.InvalidOperationException);

        // The second batch's copies were published (the inbox will absorb them when retried), but the originals were not acknowledged.
        await Poll.UntilAsync(async () => await ErrorCount() == 20, Deadline, "the unrecorded batch and the untouched one back in _error");
        var left = await ErrorQueueIds(100);
        Assert.That(left, Is.EquivalentTo(inQueueOrder.Skip(10)), "only the recorded batch left _error");
        await _replayer.RetryAsync(ErrorQueue, DeadLetterSelection.All, null, CancellationToken.None);
        await AssertEachTookEffectOnce(keys);
    }

    [Test]
    public async Task A_cli_retry_killed_with_SIGKILL_half_way_and_started_again_takes_effect_exactly_once_each()
    {
        const int count = 500;
        var (ids, keys) = await SendIntoErrorQueue("sigkill", count);
        FlakyEffectConsumer.Broken = false;
        // The CLI audits into the application's schema: a migrated database of its own.
        await using var audit = await ThrowawayDatabase.CreateAsync("dlq_cli");
        var environment = CliProcess.Environment(audit.ConnectionString, VirtualHost.Name);
        string[] retry = ["dlq", "retry", ErrorQueue];

        // Throttled so that the kill falls half-way (10 s of moves are left when it strikes); where
        // in a batch it falls is left to chance, and every assertion below holds wherever it is.
        await using (var first = CliProcess.Start([.. retry, "--rate", "40"], environment))
        {
            await Poll.UntilAsync(async () => first.HasExited || await ErrorCount() <= count - 100, Deadline, "the first run to take 100 messages");
            Assert.That(first.HasExited, Is.False, $"the first run ended before it was killed:\n{first.Output}");
            await first.KillAsync();
        }

        // Once the broker has put the killed run's unacknowledged messages back (it counts them
        // itself: the management API's figures lag), _error holds exactly what did not leave it.
        await Poll.UntilAsync(async () => (await LocalRabbitMq.QueueDepthAsync(VirtualHost.Name, ErrorQueue)).Unacknowledged == 0, Deadline, "the killed run's messages back in _error");
        var left = (await ErrorQueueIds(1000)).ToHashSet();
        var leftQueue = ids.Where(id => !left.Contains(id)).ToList();
        var killed = (await AuditRows(audit)).Single();
        var killedIds = killed.MessageIds.ToHashSet();
        await Poll.UntilAsync(
            async () => (await IdsThatTookEffect(ids, keys)).IsSupersetOf(killedIds.Union(leftQueue)),
            Deadline,
            "every message recorded or gone from _error to take effect");
        var tookEffect = await IdsThatTookEffect(ids, keys);
        await TestContext.Out.WriteLineAsync($"killed with {left.Count} of {count} in {ErrorQueue}; {leftQueue.Count} left it; the killed run's row lists {killedIds.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(left, Has.Count.InRange(1, count - 1), "killed half-way: some moved, some not");
            Assert.That(killed.Outcome, Is.EqualTo(DeadLetterAuditTrail.Running));
            Assert.That(leftQueue.Where(id => !killedIds.Contains(id)), Is.Empty, "every message that left _error is in the killed run's row");
            Assert.That(tookEffect.Where(id => !killedIds.Contains(id) && !left.Contains(id)), Is.Empty, "nothing took effect without an audit entry or its original still in _error");
            Assert.That(killed.Count, Is.EqualTo(killedIds.Count), "the count matches the ids");
        });

        var (exitCode, output) = await CliProcess.RunAsync(retry, environment);

        var actions = await AuditRows(audit);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("remaining in " + ErrorQueue));
            Assert.That(actions, Has.Count.EqualTo(2), "both runs are audited, the killed one too");
            Assert.That(actions[1].Outcome, Is.EqualTo("ok"));
            Assert.That(actions[1].MessageIds, Is.EquivalentTo(left), "the second run moved what was left");
            Assert.That(actions[0].MessageIds.Union(actions[1].MessageIds), Is.EquivalentTo(ids), "every message is in an audit row");
            Assert.That(actions[0].MessageIds.Intersect(actions[1].MessageIds), Is.EquivalentTo(killedIds.Intersect(left)), "in both rows only what was recorded and not yet acknowledged when the kill fell");
        });
        await AssertEachTookEffectOnce(keys);
    }

    [Test]
    public async Task Retrying_a_selection_leaves_the_other_messages_in_error_in_their_order()
    {
        var (ids, keys) = await SendIntoErrorQueue("selected", 10);
        var before = await ErrorQueueIds(50);
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

        var after = await ErrorQueueIds(50);
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
        var (_, keys) = await SendIntoErrorQueue("discard", 3);

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

    /// <summary>Sends <paramref name="count"/> messages the broken consumer fails for good, and waits until all are in <see cref="ErrorQueue"/>.</summary>
    private async Task<(List<string> Ids, List<string> Keys)> SendIntoErrorQueue(string purpose, int count)
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

        await Poll.UntilAsync(async () => await ErrorCount() >= count, Deadline, $"{count} message(s) in {ErrorQueue}");
        return (ids, keys);
    }

    private async Task<HashSet<string>> IdsThatTookEffect(List<string> ids, List<string> keys)
    {
        var prefix = keys[0][..keys[0].LastIndexOf('-')];
        await using var db = Db();
        var done = (await db.Effects.Where(e => e.Key.StartsWith(prefix)).Select(e => e.Key).ToListAsync()).ToHashSet();
        return [.. ids.Where((_, i) => done.Contains(keys[i]))];
    }

    private static async Task<List<DeadLetterAction>> AuditRows(ThrowawayDatabase audit)
    {
        await using var db = audit.CreateContext();
        return await db.DeadLetterActions.AsNoTracking().OrderBy(a => a.At).ToListAsync();
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

    /// <summary>The ids of the first <paramref name="max"/> messages in <see cref="ErrorQueue"/>, in queue order, left where they are.</summary>
    private async Task<List<string>> ErrorQueueIds(int max) =>
        (await _replayer.PeekAsync(ErrorQueue, max, CancellationToken.None)).Select(m => m.MessageId!).ToList();

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
