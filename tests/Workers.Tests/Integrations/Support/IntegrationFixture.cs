namespace Commerce.Workers.Tests.Integrations.Support;

/// <summary>A sandbox fixture whose tests build the Workers' integrations, each test its own, pointed at that sandbox.</summary>
public abstract class IntegrationFixture : SandboxFixture
{
    /// <summary>
    /// The integrations with <see cref="IntegrationServices.SandboxSettings"/>; <paramref name="overrides"/> win.
    /// <paramref name="logs"/>, when given, receives every log line at every level.
    /// </summary>
    protected IntegrationServices Services(Dictionary<string, string?>? overrides = null, CapturedLogs? logs = null) =>
        IntegrationServices.Create(IntegrationServices.SandboxSettings(Sandbox.BaseAddress, overrides), logs);

    /// <summary>Runs <paramref name="call"/> on integrations of its own whose every log line is kept: the exception it must throw, and those lines.</summary>
    protected async Task<(TException? Failure, CapturedLogs Logs)> FailureWithLogsAsync<TException>(Func<IntegrationServices, Task> call)
        where TException : Exception
    {
        var logs = new CapturedLogs();
        await using var services = Services(logs: logs);
        return (Assert.ThrowsAsync<TException>(() => call(services)), logs);
    }
}
