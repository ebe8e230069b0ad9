using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Commerce.Docs.Tests;

/// <summary>
/// docs/architecture/code-map.md against the project files: every project has a row, every row a
/// project, every <c>ProjectReference</c> is one its row allows, and a project that imports another
/// project's namespace references that project itself (nothing used only by way of a third).
/// </summary>
[TestFixture]
public sealed partial class CodeMapSpecs
{
    private static readonly string MapFile = Path.Combine(DocFiles.Docs, "architecture", "code-map.md");

    private static Dictionary<string, IReadOnlySet<string>> Allowed()
    {
        var rows = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var m in File.ReadLines(MapFile).Select(line => MapRow().Match(line)).Where(m => m.Success))
        {
            var names = Backticked().Matches(m.Groups["refs"].Value).Select(n => n.Groups[1].Value);
            rows[m.Groups["folder"].Value] = names.ToHashSet(StringComparer.Ordinal);
        }

        return rows;
    }

    /// <summary>Every project under src/, tools/ and tests/, keyed <c>src/Api</c>, <c>tests/TestSupport</c>, ….</summary>
    private static IReadOnlyList<Project> Projects() =>
        [.. new[] { "src", "tools", "tests" }
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(DocFiles.Root, top), "*.csproj", SearchOption.AllDirectories))
            .Select(Project.Read)
            .OrderBy(p => p.Folder, StringComparer.Ordinal)];

    [Test]
    public void The_map_and_the_projects_are_found()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Allowed(), Has.Count.GreaterThanOrEqualTo(20), "rows | `src/X` | owns | `A`, `B` | in docs/architecture/code-map.md");
            Assert.That(Projects().Select(p => p.Folder), Does.Contain("src/Api").And.Contain("tests/TestSupport"));
            Assert.That(Projects().Single(p => p.Folder == "src/Api").References, Does.Contain("Persistence"));
        });
    }

    [Test]
    public void Every_project_has_a_row_and_every_row_a_project()
    {
        var mapped = Allowed().Keys.ToHashSet(StringComparer.Ordinal);
        var folders = Projects().Select(p => p.Folder).ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(folders.Except(mapped), Is.Empty, "projects without a row in docs/architecture/code-map.md");
            Assert.That(mapped.Except(folders), Is.Empty, "rows of docs/architecture/code-map.md without a project");
        });
    }

    [Test]
    public void Every_project_reference_is_one_the_map_allows()
    {
        var allowed = Allowed();
        var outside = Projects()
            .Where(p => allowed.ContainsKey(p.Folder))
            .SelectMany(p => p.References.Where(r => !allowed[p.Folder].Contains(r)).Select(r => $"{p.Folder} -> {r}"))
            .ToList();
        Assert.That(outside, Is.Empty, "references docs/architecture/code-map.md does not allow: change the code, or the map in the same change");
    }

    [Test]
    public void A_project_references_every_project_whose_namespace_it_imports()
    {
        var projects = Projects();
        // Longest first, so Commerce.Messaging.Tests.Support is Messaging.Tests', not Messaging's.
        var byNamespace = projects.OrderByDescending(p => p.RootNamespace.Length).ToList();
        var missing = new List<string>();
        foreach (var project in projects)
        {
            var used = project.ImportedCommerceNamespaces()
                .Select(ns => byNamespace.FirstOrDefault(p => ns == p.RootNamespace || ns.StartsWith(p.RootNamespace + ".", StringComparison.Ordinal)))
                .OfType<Project>()
                .Select(p => p.Name)
                .Where(name => name != project.Name)
                .ToHashSet(StringComparer.Ordinal);
            missing.AddRange(used.Where(name => !project.References.Contains(name)).Order(StringComparer.Ordinal).Select(name => $"{project.Folder} uses {name} without referencing it"));
        }

        Assert.That(missing, Is.Empty);
    }

    /// <summary>A project as its folder names it: <c>tests/Api.Tests</c> is <c>Api.Tests</c>, namespace <c>Commerce.Api.Tests</c>.</summary>
    private sealed record Project(string Folder, string Directory, IReadOnlySet<string> References)
    {
        public string Name => Path.GetFileName(Directory);

        public string RootNamespace => $"Commerce.{Name}";

        public static Project Read(string csproj)
        {
            var directory = Path.GetDirectoryName(csproj)!;
            var references = XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(r => (string?)r.Attribute("Include") ?? string.Empty)
                .Select(include => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar)))))!)
                .ToHashSet(StringComparer.Ordinal);
            return new Project(DocFiles.Relative(directory), directory, references);
        }

        public IEnumerable<string> ImportedCommerceNamespaces() =>
            System.IO.Directory.EnumerateFiles(Directory, "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .SelectMany(File.ReadLines)
                .Select(line => UsingDirective().Match(line))
                .Where(m => m.Success)
                .Select(m => m.Groups["ns"].Value)
                .Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\| `(?<folder>(src|tools|tests)/[A-Za-z.]+)` \| [^|]+ \| (?<refs>[^|]+) \|$")]
    private static partial Regex MapRow();

    [GeneratedRegex("`([A-Za-z.]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(?<ns>Commerce(\.[A-Za-z]+)+)\s*;")]
    private static partial Regex UsingDirective();
}
