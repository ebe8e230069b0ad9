using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults;

public static class HostRunner
{
    /// <summary>Exit code of a process stopped by bad configuration (EX_CONFIG; distinct from a crash's 1).</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>
    /// Builds and runs a host; a missing or invalid setting stops it with one line on stderr naming
    /// the setting, instead of a stack trace. The whole start-up is guarded because options can be
    /// first read while the host is being built (MassTransit creates its bus then), not only on start.
    /// </summary>
    public static async Task<int> RunAsync(string applicationName, Func<Task> buildAndRun)
    {
        ArgumentNullException.ThrowIfNull(buildAndRun);
        try
        {
            await buildAndRun();
            return 0;
        }
        catch (Exception e) when (ConfigurationFailures(e) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync($"{applicationName}: configuration error: {string.Join("; ", failures)}");
            return ConfigurationErrorExitCode;
        }
    }

    /// <summary>Start-up validation reports one failure or several, possibly wrapped.</summary>
    internal static List<string> ConfigurationFailures(Exception e) => e switch
    {
        OptionsValidationException ove => [.. ove.Failures],
        AggregateException ae => [.. ae.InnerExceptions.SelectMany(ConfigurationFailures)],
        { InnerException: { } inner } => ConfigurationFailures(inner),
        _ => [],
    };
}
