using System.Text.RegularExpressions;

namespace Commerce.Docs.Tests;

/// <summary>Relative Markdown links in README.md and docs/ point at files that exist.</summary>
[TestFixture]
public sealed partial class LinkSpecs
{
    [Test]
    public void Every_relative_link_points_to_an_existing_file()
    {
        var broken = new List<string>();
        foreach (var file in DocFiles.Markdown())
        {
            foreach (Match m in Link().Matches(File.ReadAllText(file)))
            {
                var target = m.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(target)));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add($"{DocFiles.Relative(file)}: {m.Groups["target"].Value}");
                }
            }
        }

        Assert.That(broken, Is.Empty);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
