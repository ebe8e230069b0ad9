namespace Commerce.LocalSystem;

/// <summary>Where the repository and the built hosts are, for whatever runs the real processes.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>artifacts/bin/&lt;project&gt;/&lt;configuration&gt;, in the configuration of the running assembly.</summary>
    public static string BuildOutput(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        return Path.Combine(Root, "artifacts", "bin", project, configuration);
    }

    /// <summary>A built host's entry assembly; <paramref name="assemblyName"/> where it differs from the project's name.</summary>
    public static string HostAssembly(string project, string? assemblyName = null) =>
        Path.Combine(BuildOutput(project), $"{assemblyName ?? project}.dll");

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
