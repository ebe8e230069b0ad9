using Commerce.Operations.DeadLetters;
using Commerce.Operations.Management;

namespace Commerce.LocalSystem;

/// <summary>
/// A RabbitMQ virtual host of its own on the shared broker: its queues and exchanges cannot meet
/// another run's, and deleting it at the end removes them all. The local administrator creates and
/// deletes it and gives the hosts' user and the operations user their rights in it; everything else
/// (<see cref="Management"/>) runs as the operations user, as in production.
/// </summary>
public sealed class ThrowawayVirtualHost : IAsyncDisposable
{
    private readonly RabbitMqManagementClient _administrator;

    private ThrowawayVirtualHost(RabbitMqManagementClient administrator, RabbitMqManagementClient management, string name)
    {
        _administrator = administrator;
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
        var administrator = services.CreateAdministratorClient();
        try
        {
            await administrator.CreateVirtualHostAsync(name, [services.RabbitMqUsername, services.RabbitMqManagementUsername], cancellationToken);
        }
        catch
        {
            administrator.Dispose();
            throw;
        }

        return new ThrowawayVirtualHost(administrator, services.CreateManagementClient(), name);
    }

    /// <summary>The <c>_error</c> queues of this virtual host that hold messages: where MassTransit put what its consumers faulted on.</summary>
    public async Task<IReadOnlyList<QueueInfo>> FaultedQueuesAsync()
    {
        var queues = await Management.GetQueuesAsync(Name, CancellationToken.None);
        return [.. queues.Where(q => q.Name.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal) && q.Messages > 0)];
    }

    public async ValueTask DisposeAsync()
    {
        await _administrator.DeleteVirtualHostAsync(Name, CancellationToken.None);
        _administrator.Dispose();
        Management.Dispose();
    }
}
