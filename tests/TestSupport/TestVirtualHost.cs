using Commerce.Operations.DeadLetters;
using Commerce.Operations.Management;

namespace Commerce.TestSupport;

/// <summary>
/// A RabbitMQ virtual host of the test's own on the real broker: its queues and exchanges cannot
/// meet another suite's, and deleting it at the end removes them all.
/// </summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    private readonly RabbitMqManagementClient _management;

    private TestVirtualHost(RabbitMqManagementClient management, string name)
    {
        _management = management;
        Name = name;
    }

    public string Name { get; }

    public RabbitMqManagementClient Management => _management;

    public static async Task<TestVirtualHost> CreateAsync(string purpose)
    {
        var management = new RabbitMqManagementClient(TestServices.RabbitMqManagementUrl, TestServices.RabbitMqUsername, TestServices.RabbitMqPassword);
        var name = $"commerce-test-{purpose}-{Guid.NewGuid():N}"[..40];
        await management.CreateVirtualHostAsync(name, TestServices.RabbitMqUsername, CancellationToken.None);
        return new TestVirtualHost(management, name);
    }

    /// <summary>The <c>_error</c> queues of this virtual host that hold messages: where MassTransit put what its consumers faulted on.</summary>
    public async Task<IReadOnlyList<QueueInfo>> FaultedQueuesAsync()
    {
        var queues = await _management.GetQueuesAsync(Name, CancellationToken.None);
        return [.. queues.Where(q => q.Name.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal) && q.Messages > 0)];
    }

    public async ValueTask DisposeAsync()
    {
        await _management.DeleteVirtualHostAsync(Name, CancellationToken.None);
        _management.Dispose();
    }
}
