using System.Text.RegularExpressions;

namespace Commerce.Docs.Tests;

/// <summary>
/// docs/adr: every record is in the index of docs/adr/README.md and every index row has its file;
/// every record has a Status line with one of the four statuses, and the index shows the same one.
/// </summary>
[TestFixture]
public sealed partial class AdrSpecs
{
    private static readonly string[] Statuses = ["Proposed", "Accepted", "Deprecated", "Superseded"];

    private static IReadOnlyList<string> RecordFiles() =>
        [.. Directory.EnumerateFiles(DocFiles.AdrFolder, "*.md")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => RecordName().IsMatch(name))
            .Order(StringComparer.Ordinal)];

    private static IReadOnlyList<IndexRow> IndexRows()
    {
        var index = File.ReadAllLines(Path.Combine(DocFiles.AdrFolder, "README.md"));
        return [.. index.Select(line => IndexRowPattern().Match(line))
            .Where(m => m.Success)
            .Select(m => new IndexRow(m.Groups["id"].Value, m.Groups["link"].Value, m.Groups["title"].Value.Trim(), m.Groups["status"].Value.Trim(), m.Groups["date"].Value.Trim()))];
    }

    /// <summary>The status word of a record: the first word after <c>Status:</c> in its header.</summary>
    private static string? StatusOf(string file)
    {
        foreach (var line in File.ReadLines(Path.Combine(DocFiles.AdrFolder, file)).Take(15))
        {
            var m = StatusLine().Match(line);
            if (m.Success)
            {
                return m.Groups["status"].Value;
            }
        }

        return null;
    }

    [Test]
    public void The_index_and_the_records_are_found()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RecordFiles(), Has.Count.GreaterThanOrEqualTo(10), "records docs/adr/NNNN-*.md");
            Assert.That(IndexRows(), Has.Count.GreaterThanOrEqualTo(10), "rows | [NNNN](file.md) | title | status | date | in docs/adr/README.md");
        });
    }

    [Test]
    public void Every_record_has_a_row_in_the_index()
    {
        var linked = IndexRows().Select(r => r.Link).ToHashSet(StringComparer.Ordinal);
        var missing = RecordFiles().Where(file => !linked.Contains(file)).ToList();
        Assert.That(missing, Is.Empty, "records without a row in docs/adr/README.md; add | [NNNN](file.md) | Title | Status | Date |");
    }

    [Test]
    public void Every_index_row_links_to_an_existing_record_with_its_own_number()
    {
        var problems = IndexRows()
            .Where(r => !File.Exists(Path.Combine(DocFiles.AdrFolder, r.Link)) || !r.Link.StartsWith(r.Id + "-", StringComparison.Ordinal))
            .Select(r => $"[{r.Id}]({r.Link})")
            .ToList();
        Assert.That(problems, Is.Empty, "index rows whose link is not a file docs/adr/<same number>-*.md");
    }

    [Test]
    public void Index_rows_have_a_known_status_and_an_iso_date_and_no_number_twice()
    {
        var rows = IndexRows();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Where(r => !Statuses.Contains(r.Status.Split(' ')[0])).Select(r => $"{r.Id}: '{r.Status}'"), Is.Empty, "statuses must be one of " + string.Join(", ", Statuses));
            Assert.That(rows.Where(r => !DateOnly.TryParseExact(r.Date, "yyyy-MM-dd", out _)).Select(r => $"{r.Id}: '{r.Date}'"), Is.Empty, "dates are yyyy-MM-dd");
            Assert.That(rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "numbers used twice");
        });
    }

    [Test]
    public void Every_record_has_a_status_line_with_one_of_the_four_statuses()
    {
        var problems = RecordFiles()
            .Select(file => (file, status: StatusOf(file)))
            .Where(x => x.status is null || !Statuses.Contains(x.status))
            .Select(x => $"{x.file}: {x.status ?? "no '* Status: …' line in the header"}")
            .ToList();
        Assert.That(problems, Is.Empty, "each record needs '* Status: Proposed|Accepted|Deprecated|Superseded' near its top");
    }

    [Test]
    public void The_index_shows_the_status_the_record_has()
    {
        var problems = IndexRows()
            .Where(r => File.Exists(Path.Combine(DocFiles.AdrFolder, r.Link)))
            .Select(r => (row: r, status: StatusOf(r.Link)))
            .Where(x => x.status is not null && x.row.Status.Split(' ')[0] != x.status)
            .Select(x => $"{x.row.Id}: index '{x.row.Status}', record '{x.status}'")
            .ToList();
        Assert.That(problems, Is.Empty);
    }

    private sealed record IndexRow(string Id, string Link, string Title, string Status, string Date);

    [GeneratedRegex(@"^\d{4}-[a-z0-9-]+\.md$")]
    private static partial Regex RecordName();

    [GeneratedRegex(@"^\|\s*\[(?<id>\d{4})\]\((?<link>[^)\s]+)\)\s*\|(?<title>[^|]*)\|(?<status>[^|]*)\|(?<date>[^|]*)\|\s*$")]
    private static partial Regex IndexRowPattern();

    [GeneratedRegex(@"^\s*(?:[*-]\s*)?(?:\*\*)?Status:?(?:\*\*)?:?\s*(?<status>[A-Za-z]+)")]
    private static partial Regex StatusLine();
}
