using Commerce.Bench.Reads;

namespace Commerce.Bench.Reporting;

/// <summary>Everything a read run found, as written to report.json and rendered to report.md.</summary>
public sealed record ReadsReport(string Mode, int Products, DateTimeOffset At, string Machine, IReadOnlyList<ReadBackendResult> Backends, IReadOnlyList<string> Skipped)
{
    /// <summary>Each backend's targets: the workloads that have one.</summary>
    public IReadOnlyList<TargetCheck> Targets =>
        [.. Backends.SelectMany(b => b.Workloads.Select(w => ReadTargets.Check(w, b.Backend))).OfType<TargetCheck>()];

    /// <summary>What the command prints: a line per backend and workload, then the backends not measured.</summary>
    public IReadOnlyList<string> Lines => [.. Backends.SelectMany(b => b.Lines), .. Skipped];
}
