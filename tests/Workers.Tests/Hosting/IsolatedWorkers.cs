using System.Net;
using Commerce.LocalSystem;

namespace Commerce.Workers.Tests.Hosting;

/// <summary>A real Workers host, ready, on a database and a virtual host of its own, with the sandbox as every provider.</summary>
internal sealed class IsolatedWorkers : IAsyncDisposable
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);

    private readonly ThrowawayDatabase _database;
    private readonly HostFactory<Program> _host;

    private IsolatedWorkers(ThrowawayDatabase database, ThrowawayVirtualHost virtualHost, HostFactory<Program> host, HttpClient client)
    {
        (_database, VirtualHost, _host, Client) = (database, virtualHost, host, client);
    }

    public ThrowawayVirtualHost VirtualHost { get; }

    public ThrowawayDatabase Database => _database;

    public HttpClient Client { get; }

    /// <summary><paramref name="name"/> names the database (underscores) and the virtual host (dashes).</summary>
    public static async Task<IsolatedWorkers> StartAsync(SandboxServer sandbox, string name, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var database = await ThrowawayDatabase.CreateAsync(name.Replace('-', '_'));
        var virtualHost = await ThrowawayVirtualHost.CreateAsync(name);
        var settings = WorkersHostSettings.OnSandbox(sandbox, database.ConnectionString, virtualHost.Name);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var host = new HostFactory<Program>(settings);
        var client = host.CreateClient();
        await HealthProbe.WaitForReadyStatusAsync(client, HttpStatusCode.OK, ReadyDeadline);
        return new IsolatedWorkers(database, virtualHost, host, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await VirtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }
}
