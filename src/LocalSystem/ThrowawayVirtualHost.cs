using Commerce.Operations.DeadLetters;
using Commerce.Operations.Management;

namespace Commerce.LocalSystem;

/// <summary>
/// A RabbitMQ virtual host of its own on the shared broker: its queues and exchanges cannot meet
/// another run's, and deleting it at the end removes them all.
/// </summary>
public sealed class ThrowawayVirtualHost : IAsyncDisposable
{
    private ThrowawayVirtualHost(RabbitMqManagementClient management, string name)
    {
        Management = management;
        Name = name;
    }

    public string Name { get; }

    public RabbitMqManagementClient Management { get; }

    /// <summary>A virtual host named after <paramref name="purpose"/> and made unique.</summary>
    public static Task<ThrowawayVirtualHost> CreateAsync(string purpose) =>
        CreateNamedAsync($"commerce-test-{purpose}-{Guid.NewGuid():N}"[..40], CancellationToken.None);

    public static async Task<ThrowawayVirtualHost> CreateNamedAsync(string name, CancellationToken cancellationToken)
    {
        var services = LocalServices.Current;
        var management = services.CreateManagementClient();
        try
        {
            await management.CreateVirtualHostAsync(name, services.RabbitMqUsername, cancellationToken);
        }
        catch
        {
            management.Dispose();
            throw;
        }

        return new ThrowawayVirtualHost(management, name);
    }

    /// <summary>The <c>_error</c> queues of this virtual host that hold messages: where MassTransit put what its consumers faulted on.</summary>
    public async Task<IReadOnlyList<QueueInfo>> FaultedQueuesAsync()
    {
        var queues = await Management.GetQueuesAsync(Name, CancellationToken.None);
        return [.. queues.Where(q => q.Name.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal) && q.Messages > 0)];
    }

    public async ValueTask DisposeAsync()
    {
        await Management.DeleteVirtualHostAsync(Name, CancellationToken.None);
        Management.Dispose();
    }
}
