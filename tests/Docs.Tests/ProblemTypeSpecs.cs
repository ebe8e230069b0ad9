using System.Globalization;
using System.Text.RegularExpressions;
using Commerce.Api.Gateway;

namespace Commerce.Docs.Tests;

/// <summary>docs/api/problems.md lists the <c>type</c> of every problem the Api answers, by status, as <see cref="ProblemTypes"/> has them.</summary>
[TestFixture]
public sealed partial class ProblemTypeSpecs
{
    [Test]
    public void The_problem_types_page_lists_every_type_the_api_answers_with()
    {
        var page = File.ReadAllText(Path.Combine(DocFiles.Root, "docs", "api", "problems.md"));
        var documented = TypeRow().Matches(page)
            .ToDictionary(m => int.Parse(m.Groups["status"].Value, CultureInfo.InvariantCulture), m => m.Groups["type"].Value);

        Assert.That(documented, Is.EquivalentTo(ProblemTypes.ByStatus));
    }

    [GeneratedRegex(@"^\| (?<status>[0-9]{3}) \| `(?<type>https://[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TypeRow();
}
