using Commerce.Messaging.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace Commerce.Messaging.Tests;

/// <summary>
/// Under the test runner this entry point is unused. Run as
/// <c>dotnet Commerce.Messaging.Tests.dll host &lt;connection string&gt; &lt;virtual host&gt;</c>
/// it becomes a Workers-like process, so fault tests can run several and kill them with -9.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["host", var connectionString, var virtualHost, ..])
        {
            await Console.Error.WriteLineAsync("usage: host <postgres connection string> <virtual host>");
            return 2;
        }

        using var host = MessagingHost.Build(connectionString, virtualHost);
        await host.RunAsync();
        return 0;
    }
}
