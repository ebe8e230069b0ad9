using System.Reflection;
using Commerce.Contracts;
using Commerce.Workers.Tests.Checkout;

namespace Commerce.Workers.Tests.Hosting;

/// <summary>
/// The real Workers host on a virtual host of its own: every receive endpoint's <c>_error</c> queue
/// and its binding exist as soon as the endpoints start, before anything has faulted, so the RabbitMQ
/// UI shows where dead letters will land.
/// </summary>
[TestFixture]
public sealed class ErrorQueueSpecs : SandboxFixture
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Every_receive_endpoint_has_its_error_queue_and_binding_before_any_fault()
    {
        await using var workers = await IsolatedWorkers.StartAsync(Sandbox, "workers-error-queues");
        var virtualHost = workers.VirtualHost;
        var endpoints = typeof(Queues).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            // Only with the Elasticsearch backend (SearchIndexerSpecs); this host runs on PostgreSQL search.
            .Where(q => q != Queues.IndexProduct)
            .ToList();
        var expected = endpoints.Select(q => q + "_error").ToList();

        IReadOnlyList<string> names = [];
        await Poll.UntilAsync(
            async () =>
            {
                var queues = await virtualHost.Management.GetQueuesAsync(virtualHost.Name, CancellationToken.None);
                names = [.. queues.Select(q => q.Name)];
                return expected.All(names.Contains);
            },
            Deadline,
            "every endpoint's _error queue");
        var errorQueues = (await virtualHost.Management.GetQueuesAsync(virtualHost.Name, CancellationToken.None)).Where(q => expected.Contains(q.Name)).ToList();

        // The binding: what reaches the _error exchange lands in the _error queue.
        await using var broker = await RawBrokerMessages.ConnectAsync(virtualHost.Name);
        var arrived = new List<string>();
        foreach (var queue in expected)
        {
            var probe = await broker.PublishAsync(queue);
            await Poll.UntilAsync(async () => (await broker.TakeAsync(queue))?.MessageId == probe, Deadline, $"a probe published to the {queue} exchange in the {queue} queue");
            arrived.Add(queue);
        }

        Assert.Multiple(() =>
        {
            Assert.That(endpoints, Has.Count.EqualTo(8), "the Queues list of the contracts");
            Assert.That(names, Is.SupersetOf(endpoints), "the endpoints themselves");
            Assert.That(errorQueues.Select(q => q.Messages), Is.All.Zero, "nothing faulted");
            Assert.That(arrived, Is.EquivalentTo(expected));
        });
    }
}
