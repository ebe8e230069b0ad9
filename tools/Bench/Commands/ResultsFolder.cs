using Commerce.LocalSystem;

namespace Commerce.Bench.Commands;

/// <summary>Where a run writes its report and the processes' logs: .commerce/results/&lt;time&gt;-&lt;what&gt;/ unless told otherwise.</summary>
internal static class ResultsFolder
{
    public static string Create(string? requested, string what)
    {
        var folder = requested ?? Path.Combine(RepositoryPaths.Root, ".commerce", "results", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{what}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
