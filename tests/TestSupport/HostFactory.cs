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
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        // Warnings only: the hosts' start-up chatter would drown the test output.
        var all = settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
            .Append(new("Logging:LogLevel:Default", "Warning"))
            .Append(new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None"));
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(all));
    }
}
