using System.Net;
using Commerce.LocalSystem;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commerce.Api.Tests.Hosting;

/// <summary>An in-process Api on a throwaway database of its own, ready (every dependency up) before a suite uses it.</summary>
public sealed class ReadyApi : IAsyncDisposable
{
    private readonly ThrowawayDatabase _database;
    private readonly WebApplicationFactory<Program> _host;

    private ReadyApi(ThrowawayDatabase database, WebApplicationFactory<Program> host)
    {
        _database = database;
        _host = host;
        Client = host.CreateClient();
    }

    public HttpClient Client { get; }

    /// <summary>Starts it with the local services' settings, <paramref name="settings"/> over them, and <paramref name="configure"/> on its web host.</summary>
    public static async Task<ReadyApi> StartAsync(string database, IReadOnlyDictionary<string, string>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        var throwaway = await ThrowawayDatabase.CreateAsync(database);
        var all = new Dictionary<string, string>(LocalServices.Current.HostSettings(throwaway.ConnectionString));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        WebApplicationFactory<Program> host = new HostFactory<Program>(all);
        var api = new ReadyApi(throwaway, configure is null ? host : host.WithWebHostBuilder(configure));
        await HealthProbe.WaitForReadyStatusAsync(api.Client, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }
}
