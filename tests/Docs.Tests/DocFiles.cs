using Commerce.LocalSystem;

namespace Commerce.Docs.Tests;

/// <summary>The Markdown the checks read, found from the repository root.</summary>
internal static class DocFiles
{
    public static string Root => RepositoryPaths.Root;

    public static string Docs => Path.Combine(Root, "docs");

    public static string AdrFolder => Path.Combine(Docs, "adr");

    /// <summary>The API contract beside the repository (<c>../shared/spec/api.md</c>); null when this checkout has none.</summary>
    public static string? ApiContract
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "spec", "api.md"));
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>README.md and every Markdown file under docs/, sorted, as absolute paths.</summary>
    public static IReadOnlyList<string> Markdown() =>
        [Path.Combine(Root, "README.md"), .. Directory.EnumerateFiles(Docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
