using System.Text.Json;
using System.Text.RegularExpressions;

namespace Commerce.Docs.Tests;

/// <summary>
/// The values of a configuration file that look like secrets: those of a setting whose name says
/// key, secret, password or token, and the password of a connection string. A compose variable
/// without a default (<c>${VAR:?…}</c>) holds nothing; one with a default holds the default.
/// </summary>
internal static partial class SecretLookingValues
{
    public sealed record Found(string Setting, string Value);

    /// <summary>An appsettings*.json file.</summary>
    public static IEnumerable<Found> InJson(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return [.. Walk(document.RootElement, string.Empty)];
    }

    /// <summary>An env file or a compose file, read line by line: <c>NAME=value</c>, <c>NAME: value</c>, <c>- NAME=value</c>.</summary>
    public static IEnumerable<Found> InLines(string text) =>
        text.Split('\n')
            .Where(line => !line.TrimStart().StartsWith('#'))
            .Select(line => Assignment().Match(line))
            .Where(m => m.Success)
            .SelectMany(m => Secrets(m.Groups["name"].Value, Unquote(m.Groups["value"].Value)));

    private static IEnumerable<Found> Walk(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Walk(p.Value, path.Length == 0 ? p.Name : $"{path}:{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(item => Walk(item, path)),
        JsonValueKind.String => Secrets(path, element.GetString()!),
        _ => [],
    };

    private static IEnumerable<Found> Secrets(string setting, string value)
    {
        var held = ConnectionStringPassword().Matches(value).Select(m => m.Groups["password"].Value);
        if (SecretName().IsMatch(setting))
        {
            held = held.Append(value);
        }

        return held.SelectMany(FromTheEnvironment).Select(secret => new Found(setting, secret));
    }

    /// <summary>What a value holds once compose has filled its variables: defaults only.</summary>
    private static IEnumerable<string> FromTheEnvironment(string value)
    {
        var rest = ComposeVariable().Replace(value, m => m.Groups["default"].Success ? m.Groups["default"].Value : string.Empty);
        return rest.Length > 0 ? [rest] : [];
    }

    private static string Unquote(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length >= 2 && trimmed[0] == trimmed[^1] && trimmed[0] is '"' or '\'' ? trimmed[1..^1] : trimmed;
    }

    [GeneratedRegex(@"^\s*(-\s*)?(?<name>[A-Za-z_][A-Za-z0-9_.:]*)\s*[:=]\s*(?<value>\S.*?)\s*$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"key|secret|password|passwd|token", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i:password)\s*=\s*(?<password>[^;""]+)")]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*(:?-(?<default>[^}]*)|:?\?[^}]*)?\}")]
    private static partial Regex ComposeVariable();
}
