using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Commerce.TestSupport;

/// <summary>
/// Runs a host of the system in-process against the real services, with the given settings
/// layered last so they win over appsettings and the environment.
/// </summary>
public sealed class HostFactory<TEntryPoint>(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    /// <summary>
    /// The Api's login and registration counters live in the shared Redis, where every suite's hosts
    /// count their attempts from the one loopback address; suites log in and register often, so the
    /// limits are lifted unless a suite sets its own (the throttle specs do), and a suite never fails
    /// for what another one did in the same minute.
    /// </summary>
    private static readonly KeyValuePair<string, string?>[] SharedCounterLimits =
    [
        new("Gateway:LoginAttemptsPerMinute", "1000"),
        new("Gateway:LoginAttemptsPerAddressPerMinute", "100000"),
        new("Gateway:LoginFailuresBeforeBackoff", "10000"),
        new("Gateway:RegistrationsPerAddressPerMinute", "100000"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        // Warnings only: the hosts' start-up chatter would drown the test output.
        var all = settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
            .Append(new("Logging:LogLevel:Default", "Warning"))
            .Append(new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None"));
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(SharedCounterLimits).AddInMemoryCollection(all));
    }
}
