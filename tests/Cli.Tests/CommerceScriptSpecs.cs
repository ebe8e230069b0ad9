using System.Text.RegularExpressions;
using Commerce.LocalSystem;

namespace Commerce.Cli.Tests;

/// <summary>
/// <c>./commerce</c>, the bash script, as a new user meets it: its help lists every verb of the
/// script and of the CLI, every verb answers <c>--help</c> without running, usage errors exit 2.
/// </summary>
[TestFixture]
public sealed partial class CommerceScriptSpecs
{
    private static readonly string[] ScriptVerbs = ["up", "down", "test", "status", "bench", "chaos"];

    [Test]
    public async Task Help_lists_every_verb_of_the_script_and_of_the_cli_on_one_line_each_and_no_source()
    {
        var help = await CommerceAsync("--help");
        var cliVerbs = await CliVerbsAsync();

        var listed = VerbLine().Matches(help.Output).Select(m => m.Groups["verb"].Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(help.ExitCode, Is.Zero, help.Output);
            Assert.That(cliVerbs, Is.Not.Empty.And.Contains("dlq"), "the CLI's own help lists its commands");
            Assert.That(listed, Is.SupersetOf(ScriptVerbs.Concat(cliVerbs)), help.Output);
            Assert.That(listed, Is.Unique, help.Output);
            Assert.That(help.Output, Does.Not.Contain("set -euo").And.Not.Contain("#"), "no line of the script's own source");
        });
    }

    [TestCase("up")]
    [TestCase("down")]
    [TestCase("test")]
    [TestCase("status")]
    [TestCase("bench")]
    [TestCase("chaos")]
    [TestCase("db")]
    [TestCase("dlq")]
    [TestCase("orders")]
    public async Task Every_verb_answers_help_with_its_usage_and_does_nothing_else(string verb)
    {
        var help = await CommerceAsync(verb, "--help");

        Assert.Multiple(() =>
        {
            Assert.That(help.ExitCode, Is.Zero, help.Output);
            Assert.That(help.Output, Does.Contain("Usage:").And.Contain(verb), help.Output);
            Assert.That(help.Output, Does.Not.Match(@"Dead letters: \d").And.Not.Contain("started (pid"), "help, not the verb run");
        });
    }

    [TestCase("no-such-verb")]
    [TestCase("up", "--no-such-option")]
    [TestCase("down", "--no-such-option")]
    [TestCase("status", "extra")]
    [TestCase("orders", "stuck", "--no-such-option")]
    [TestCase("dlq")]
    public async Task A_usage_error_exits_2_with_the_usage(params string[] arguments)
    {
        var result = await CommerceAsync(arguments);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
            Assert.That(result.Output, Does.Contain("Usage:"), result.Output);
        });
    }

    [Test]
    public async Task The_verbs_the_script_sends_to_the_cli_are_the_cli_verbs()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "commerce"));
        var declared = CliVerbList().Match(script);

        Assert.That(declared.Success, Is.True, "commerce declares cli_verbs=(…)");
        Assert.That(declared.Groups["verbs"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(await CliVerbsAsync()));
    }

    private static Task<Tool.Result> CommerceAsync(params string[] arguments) =>
        Tool.RunAsync("bash", ["commerce", .. arguments], RepositoryPaths.Root, TimeSpan.FromSeconds(60));

    /// <summary>The commands of the CLI's own root help, except <c>status</c>, which the script owns (it adds the processes).</summary>
    private static async Task<IReadOnlyList<string>> CliVerbsAsync()
    {
        var (exitCode, output) = await CliProcess.RunAsync(["--help"], new Dictionary<string, string>());
        Assert.That(exitCode, Is.Zero, output);
        var commands = output[(output.IndexOf("Commands:", StringComparison.Ordinal) + 1)..];
        return [.. VerbLine().Matches(commands).Select(m => m.Groups["verb"].Value).Where(v => v != "status")];
    }

    [GeneratedRegex(@"^  (?<verb>[a-z]+) {2,}\S", RegexOptions.Multiline)]
    private static partial Regex VerbLine();

    [GeneratedRegex(@"^cli_verbs=\((?<verbs>[a-z ]+)\)", RegexOptions.Multiline)]
    private static partial Regex CliVerbList();
}
