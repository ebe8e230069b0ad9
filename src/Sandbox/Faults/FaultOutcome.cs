namespace Commerce.Sandbox.Faults;

/// <summary>What a request drew from its target's fault switch.</summary>
internal enum FaultOutcome
{
    None,
    Error,
    Timeout,
    Down,
}
