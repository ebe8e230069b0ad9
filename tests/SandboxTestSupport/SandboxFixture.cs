namespace Commerce.SandboxTestSupport;

/// <summary>
/// A test fixture with a sandbox of its own, in-process, for all its tests. Faults a test sets are
/// cleared after it, so the next test meets a healthy sandbox whatever the last one did.
/// </summary>
public abstract class SandboxFixture
{
    protected SandboxServer Sandbox { get; private set; } = null!;

    /// <summary>Settings over <see cref="SandboxServer"/>'s defaults, for a fixture that needs the sandbox told more.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    [OneTimeSetUp]
    public void StartSandbox() => Sandbox = SandboxServer.Start(Settings);

    [OneTimeTearDown]
    public async Task StopSandbox() => await Sandbox.DisposeAsync();

    [TearDown]
    public async Task ClearFaults() => await Sandbox.ClearFaultsAsync();
}
