namespace Commerce.Sandbox.Faults;

/// <summary>
/// The fault switch of one stand-in. A request fails in <see cref="Mode"/> with probability
/// <see cref="ErrorRate"/>; otherwise it times out with probability <see cref="TimeoutRate"/>, so one
/// target can mix 500s and hangs as the reliability plan's Stripe test does (30 % errors, 10 % timeouts).
/// </summary>
internal sealed record FaultSettings(
    FaultMode Mode,
    double ErrorRate,
    double TimeoutSeconds,
    double TimeoutRate,
    double DropAfterCommitRate)
{
    /// <summary>Ten seconds: the reliability plan's "hang".</summary>
    public const double DefaultTimeoutSeconds = 10;

    public static FaultSettings Healthy { get; } = new(FaultMode.None, 0, DefaultTimeoutSeconds, 0, 0);
}
