namespace Commerce.Bench.Reads;

/// <summary>One backend's ramps, in the order they ran; or why the backend was not measured.</summary>
public sealed record ReadBackendResult(string Backend, IReadOnlyList<ReadRampResult> Workloads)
{
    /// <summary>Why the backend could not be measured (its preparation said so); null when it was.</summary>
    public string? NotReady { get; init; }

    /// <summary>The line per workload (<see cref="ReadTargets.Line"/>).</summary>
    public IEnumerable<string> Lines => Workloads.Select(w => ReadTargets.Line(w, Backend));
}
