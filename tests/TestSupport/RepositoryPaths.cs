namespace Commerce.TestSupport;

/// <summary>Finds the repository and the built hosts, for tests that run the real processes.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build output folder of a project, in the same configuration as the running tests.</summary>
    public static string BuildOutput(string projectName)
    {
        // Tests run from artifacts/bin/<TestProject>/<configuration>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        return Path.Combine(Root, "artifacts", "bin", projectName, configuration);
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
