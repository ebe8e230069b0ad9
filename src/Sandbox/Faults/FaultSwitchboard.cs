using System.Collections.Concurrent;

namespace Commerce.Sandbox.Faults;

/// <summary>The current fault switch of every target. Settings are immutable records swapped whole, so readers never see half an update.</summary>
internal sealed class FaultSwitchboard
{
    private readonly ConcurrentDictionary<FaultTarget, FaultSettings> _settings = new();

    public FaultSettings Get(FaultTarget target) => _settings.GetValueOrDefault(target, FaultSettings.Healthy);

    public IReadOnlyDictionary<FaultTarget, FaultSettings> All() =>
        Enum.GetValues<FaultTarget>().ToDictionary(t => t, Get);

    public void Set(FaultTarget target, FaultSettings settings) => _settings[target] = settings;

    public void Reset() => _settings.Clear();

    /// <summary>One draw decides the whole request, so error and timeout rates add up as configured.</summary>
    public (FaultOutcome Outcome, FaultSettings Settings) Draw(FaultTarget target)
    {
        var settings = Get(target);
        if (settings.Mode == FaultMode.None && settings.TimeoutRate == 0)
        {
            return (FaultOutcome.None, settings);
        }

        var draw = Random.Shared.NextDouble();
        if (draw < settings.ErrorRate)
        {
            return (settings.Mode switch
            {
                FaultMode.Error => FaultOutcome.Error,
                FaultMode.Timeout => FaultOutcome.Timeout,
                FaultMode.Down => FaultOutcome.Down,
                _ => FaultOutcome.None,
            }, settings);
        }

        return (draw < settings.ErrorRate + settings.TimeoutRate ? FaultOutcome.Timeout : FaultOutcome.None, settings);
    }

    /// <summary>Whether this committed Stripe request should lose its response, as a dropped connection would.</summary>
    public bool DropAfterCommit(FaultTarget target) =>
        Get(target).DropAfterCommitRate is > 0 and var rate && Random.Shared.NextDouble() < rate;
}
