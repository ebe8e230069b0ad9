namespace Commerce.Sandbox.Faults;

/// <summary>How a faulty stand-in fails a request.</summary>
internal enum FaultMode
{
    /// <summary>Healthy.</summary>
    None,

    /// <summary>500 with the provider's error body.</summary>
    Error,

    /// <summary>Hangs for the timeout, then 504: what a client's own timeout usually turns into.</summary>
    Timeout,

    /// <summary>503, as from a load balancer in front of a service that is down.</summary>
    Down,
}
