using System.Text.RegularExpressions;

namespace Commerce.Docs.Tests;

/// <summary>
/// Every ```mermaid block in README.md and docs/ parses. The full check runs Mermaid's own parser
/// (npm package <c>mermaid</c>, with jsdom for its sanitiser) in plain Node through
/// <c>tools/mermaid-check/check.mjs</c>; <c>npm ci</c> installs it the first time. A structural
/// check in C# (known diagram type, closed fences, balanced brackets and quotes) runs as well, so
/// the obvious mistakes are caught even where Node is not installed.
/// </summary>
[TestFixture]
public sealed partial class MermaidSpecs
{
    private static readonly string CheckerFolder = Path.Combine(DocFiles.Root, "tools", "mermaid-check");

    /// <summary>Diagram types the documentation may use (the first word of a block).</summary>
    private static readonly string[] KnownTypes =
    [
        "flowchart", "graph", "sequenceDiagram", "stateDiagram", "stateDiagram-v2", "classDiagram", "erDiagram",
        "gantt", "journey", "pie", "gitGraph", "mindmap", "timeline", "C4Context", "C4Container", "C4Component",
        "C4Dynamic", "C4Deployment", "quadrantChart", "requirementDiagram", "sankey-beta", "xychart-beta", "block-beta",
    ];

    private static IReadOnlyList<string> FilesWithMermaid() =>
        [.. DocFiles.Markdown().Where(f => File.ReadAllText(f).Contains("```mermaid", StringComparison.Ordinal))];

    [Test]
    public void The_documentation_has_mermaid_diagrams()
    {
        var files = FilesWithMermaid().Select(DocFiles.Relative).ToList();
        Assert.That(files, Does.Contain("README.md").And.Contain("docs/architecture/c4-containers.md").And.Contain("docs/architecture/sequences.md"));
    }

    [Test]
    public async Task Every_mermaid_block_parses_with_mermaids_own_parser()
    {
        var node = await CheckerAsync();
        var files = FilesWithMermaid();
        var result = await Tool.RunAsync(node, ["check.mjs", .. files], CheckerFolder, TimeSpan.FromMinutes(2));
        TestContext.Out.WriteLine(result.Output);
        Assert.That(result.ExitCode, Is.Zero, "tools/mermaid-check/check.mjs names each block that does not parse:\n" + result.Output);
    }

    [Test]
    public async Task The_checker_rejects_a_block_that_does_not_parse()
    {
        var node = await CheckerAsync();
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(broken, "# Broken\n\n```mermaid\nflowchart LR\n    a[\"unclosed --> b\n```\n");
        try
        {
            var result = await Tool.RunAsync(node, ["check.mjs", broken], CheckerFolder, TimeSpan.FromMinutes(2));
            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
                Assert.That(result.Output, Does.Contain(broken + ":3"), "the failure names the file and the block's line");
            });
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Test]
    public void Every_mermaid_block_has_a_known_type_and_balanced_brackets_and_quotes()
    {
        var problems = new List<string>();
        foreach (var file in DocFiles.Markdown())
        {
            foreach (var block in Blocks(File.ReadAllLines(file)))
            {
                var where = $"{DocFiles.Relative(file)}:{block.Line}";
                if (block.Body is null)
                {
                    problems.Add($"{where}: the fence is never closed");
                    continue;
                }

                var first = block.Body.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("%%", StringComparison.Ordinal));
                var type = first?.Split(' ', 2)[0];
                if (type is null || !KnownTypes.Contains(type))
                {
                    problems.Add($"{where}: unknown diagram type '{type}'");
                }

                for (var i = 0; i < block.Body.Count; i++)
                {
                    if (Unbalanced(block.Body[i]) is { } reason)
                    {
                        problems.Add($"{DocFiles.Relative(file)}:{block.Line + 1 + i}: {reason}: {block.Body[i].Trim()}");
                    }
                }
            }
        }

        Assert.That(problems, Is.Empty);
    }

    /// <summary>Installs the checker on first use (<c>npm ci</c>) and returns the path of <c>node</c>.</summary>
    private static async Task<string> CheckerAsync()
    {
        var node = Tool.Find("node");
        var npm = Tool.Find("npm");
        if (node is null || npm is null)
        {
            Assert.Fail("Node.js and npm are needed to parse the Mermaid blocks (apt-get install nodejs npm).");
        }

        if (!Directory.Exists(Path.Combine(CheckerFolder, "node_modules", "mermaid")))
        {
            var install = await Tool.RunAsync(npm!, ["ci", "--no-audit", "--no-fund"], CheckerFolder, TimeSpan.FromMinutes(5));
            Assert.That(install.ExitCode, Is.Zero, "npm ci in tools/mermaid-check failed:\n" + install.Output);
        }

        return node!;
    }

    /// <summary>
    /// One line of a flowchart or sequence diagram: quotes come in pairs, and outside quotes every
    /// bracket closes in order. Arrows (<c>--&gt;</c>, <c>-)</c>, <c>--x</c>) are not brackets.
    /// </summary>
    private static string? Unbalanced(string line)
    {
        var text = Arrows().Replace(line, " ");
        if (text.Count(c => c == '"') % 2 != 0)
        {
            return "odd number of quotes";
        }

        var stack = new Stack<char>();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (quoted)
            {
                continue;
            }

            switch (c)
            {
                case '(' or '[' or '{':
                    stack.Push(c);
                    break;
                case ')' or ']' or '}':
                    if (stack.Count == 0 || stack.Pop() != (c switch { ')' => '(', ']' => '[', _ => '{' }))
                    {
                        return $"unmatched '{c}'";
                    }

                    break;
            }
        }

        return stack.Count == 0 ? null : $"unclosed '{stack.Peek()}'";
    }

    private static IEnumerable<(int Line, List<string>? Body)> Blocks(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var open = FenceOpen().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var marker = open.Groups["marker"].Value;
            var isMermaid = open.Groups["info"].Value.Equals("mermaid", StringComparison.OrdinalIgnoreCase);
            var body = new List<string>();
            var start = i + 1;
            var closed = false;
            for (i++; i < lines.Length; i++)
            {
                var trimmed = lines[i].Trim();
                if (trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]))
                {
                    closed = true;
                    break;
                }

                body.Add(lines[i]);
            }

            if (isMermaid)
            {
                yield return (start, closed ? body : null);
            }
        }
    }

    [GeneratedRegex(@"^ {0,3}(?<marker>`{3,}|~{3,})\s*(?<info>\S*)")]
    private static partial Regex FenceOpen();

    // Sequence arrows (->>, -->>, -), --), -x, --x, ->, -->) and flowchart links (-->, ---, -.->, ==>, --o, --x, <-->).
    [GeneratedRegex(@"<?(-{1,3}|={2,3}|-\.+-?)(>>|>|\)|x|o)?(?=[\s|A-Za-z0-9""\[(]|$)|<<?-+")]
    private static partial Regex Arrows();
}
