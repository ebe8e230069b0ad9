using System.Text.RegularExpressions;

namespace Commerce.Docs.Tests;

/// <summary>
/// The docs cite tests by method name (failure modes, sequences, ADRs): every cited name must
/// still be a test method under tests/, so a renamed or deleted test does not leave a stale citation.
/// </summary>
[TestFixture]
public sealed partial class CitedTestSpecs
{
    [Test]
    public void Every_test_the_docs_cite_exists()
    {
        var methods = Directory.EnumerateFiles(Path.Combine(DocFiles.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TestMethod().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var cited = DocFiles.Markdown()
            .SelectMany(f => CitedName().Matches(File.ReadAllText(f)).Select(m => (File: DocFiles.Relative(f), Name: m.Groups["name"].Value)))
            .ToList();
        var stale = cited.Where(c => !methods.Contains(c.Name)).Select(c => $"{c.File}: {c.Name}").Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cited, Has.Count.GreaterThan(20), "citations found in the docs");
            Assert.That(stale, Is.Empty, "cited tests that no longer exist under tests/");
        });
    }

    // Test names read as sentences: at least four words joined by underscores, in backticks (not ENV_VARIABLE_NAMES).
    [GeneratedRegex(@"`(?<name>(?=[^`]*[a-z])[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+){3,})`")]
    private static partial Regex CitedName();

    [GeneratedRegex(@"\b(?:Task|void)\s+(?<name>\w+)\s*\(")]
    private static partial Regex TestMethod();
}
