namespace Commerce.Bench.Hosting;

/// <summary>Where the repository and the built hosts are, for whatever runs the real processes.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>artifacts/bin/&lt;project&gt;/&lt;configuration&gt;, in the configuration of the running assembly.</summary>
    public static string BuildOutput(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        return Path.Combine(Root, "artifacts", "bin", project, configuration);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Commerce.Messaging.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Commerce.Messaging.sln not found above " + AppContext.BaseDirectory);
    }
}
