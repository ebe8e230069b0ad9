using System.Text.RegularExpressions;

namespace Commerce.Docs.Tests;

/// <summary>
/// What the repository must never hold, found by reading it: SQL built by interpolating into a raw
/// query (reliability plan S10), and live credentials (S12). Development values are committed on
/// purpose and are test-mode by their form (<c>rk_test_</c>, <c>…-dev-only</c>).
/// </summary>
[TestFixture]
public sealed partial class SourceScanSpecs
{
    /// <summary>The interpolated raw SQL that is allowed, and why no parameter can take its place.</summary>
    private static readonly Dictionary<string, string> AllowedInterpolatedSql = new(StringComparer.Ordinal)
    {
        ["src/LocalSystem/ThrowawayDatabase.cs"] = "CREATE/DROP DATABASE take no parameters; the names are made by the library",
        ["src/Api/Ordering/OrderStatusListener.cs"] = "LISTEN takes no parameter; the channel is a constant",
    };

    private static IEnumerable<string> Sources() =>
        new[] { "src", "tools" }
            .SelectMany(top => Directory.EnumerateFiles(Path.Combine(DocFiles.Root, top), "*.cs", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(file) && !file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Test]
    public void Raw_SQL_is_never_built_by_interpolation_outside_the_allowed_statements()
    {
        var sources = Sources().Select(file => (Path: DocFiles.Relative(file), Text: File.ReadAllText(file))).ToList();
        var raw = sources.Where(source => RawSql().IsMatch(source.Text)).Select(source => source.Path).ToList();
        var interpolated = sources.Where(source => InterpolatedRawSql().IsMatch(source.Text)).Select(source => source.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(raw, Has.Count.GreaterThan(3), "the scan finds the raw SQL calls at all");
            Assert.That(interpolated.Except(AllowedInterpolatedSql.Keys), Is.Empty, "pass values as parameters ({0}, @name), never inside the string");
            Assert.That(AllowedInterpolatedSql.Keys.Except(interpolated), Is.Empty, "an allowed entry that no longer interpolates: remove it");
        });
    }

    [Test]
    public void No_live_credential_is_committed()
    {
        Assert.That(LiveCredential().IsMatch("key: " + "sk_" + "live_" + new string('a', 24)), Is.True, "the pattern finds a planted key");
        var found = Directory.EnumerateFiles(DocFiles.Root, "*", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && !IsOutsideTheSource(file) && new FileInfo(file).Length < 1_000_000)
            .Where(file => LiveCredential().IsMatch(File.ReadAllText(file)))
            .Select(DocFiles.Relative)
            .ToList();

        Assert.That(found, Is.Empty, "files holding what looks like a live key or a private key");
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary>Git's own files, installed packages, build output and local state: none of it is committed.</summary>
    private static bool IsOutsideTheSource(string file)
    {
        var relative = DocFiles.Relative(file);
        return relative.StartsWith(".git/", StringComparison.Ordinal)
            || relative.StartsWith("artifacts/", StringComparison.Ordinal)
            || relative.StartsWith(".commerce/", StringComparison.Ordinal)
            || relative.Contains("node_modules/", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(FromSqlRaw|ExecuteSqlRaw|ExecuteSqlRawAsync|SqlQueryRaw|new NpgsqlCommand)\(")]
    private static partial Regex RawSql();

    [GeneratedRegex(@"\b(FromSqlRaw|ExecuteSqlRaw|ExecuteSqlRawAsync|SqlQueryRaw|new NpgsqlCommand)\(\s*\$@?""")]
    private static partial Regex InterpolatedRawSql();

    // Stripe live keys, SendGrid keys in their real shape, AWS access key ids, GitHub tokens, PEM private keys.
    [GeneratedRegex(@"\b(sk|rk)_live_[0-9A-Za-z]{16,}|\bSG\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}|\bAKIA[0-9A-Z]{16}\b|\bghp_[A-Za-z0-9]{36}\b|-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----")]
    private static partial Regex LiveCredential();
}
