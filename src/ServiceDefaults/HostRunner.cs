using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults;

public static class HostRunner
{
    /// <summary>Exit code of a process stopped by bad configuration (distinct from a crash's 1).</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>
    /// Runs the host; a missing or invalid setting stops it with one line on stderr naming the
    /// setting, instead of a stack trace.
    /// </summary>
    public static async Task<int> RunUntilStoppedAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (ConfigurationFailures(e) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync($"{app.Environment.ApplicationName}: configuration error: {string.Join("; ", failures)}");
            return ConfigurationErrorExitCode;
        }
    }

    /// <summary>Start-up validation reports one failure or several (an <see cref="AggregateException"/>).</summary>
    internal static List<string> ConfigurationFailures(Exception e) => e switch
    {
        OptionsValidationException ove => [.. ove.Failures],
        AggregateException ae => [.. ae.InnerExceptions.SelectMany(ConfigurationFailures)],
        _ => [],
    };
}
