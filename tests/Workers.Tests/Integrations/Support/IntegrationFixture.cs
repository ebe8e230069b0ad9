namespace Commerce.Workers.Tests.Integrations.Support;

/// <summary>A sandbox fixture whose tests build the Workers' integrations, each test its own, pointed at that sandbox.</summary>
public abstract class IntegrationFixture : SandboxFixture
{
    /// <summary>The integrations with <see cref="IntegrationServices.SandboxSettings"/>; <paramref name="overrides"/> win.</summary>
    protected IntegrationServices Services(Dictionary<string, string?>? overrides = null) =>
        IntegrationServices.Create(IntegrationServices.SandboxSettings(Sandbox.BaseAddress, overrides));
}
