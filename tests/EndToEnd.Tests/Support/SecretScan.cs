using System.Text.Json;
using System.Text.RegularExpressions;

namespace Commerce.EndToEnd.Tests.Support;

/// <summary>
/// Finds what must never be in a log (reliability plan S12): provider keys and client secrets,
/// webhook secrets, <c>Authorization</c> headers, bearer tokens and JWTs by their shape, and the
/// exact secrets a run used (passwords, refresh tokens, configured keys). A JSON log line is also
/// read field by field, unescaped, so an escaped character cannot hide a value.
/// </summary>
internal static partial class SecretScan
{
    private static readonly (string Kind, Regex Shape)[] Shapes =
    [
        ("a Stripe client secret", StripeClientSecret()),
        ("a Stripe secret or restricted key", StripeKey()),
        ("a SendGrid key", SendGridKey()),
        ("a webhook secret", WebhookSecret()),
        ("an Authorization header", AuthorizationHeader()),
        ("a bearer token", BearerToken()),
        ("a JWT", Jwt()),
    ];

    /// <summary>Each finding as "kind: file: line", the line cut to 300 characters.</summary>
    public static IReadOnlyList<string> Find(IReadOnlyDictionary<string, string> logsByFile, IReadOnlyCollection<(string Kind, string Value)> knownSecrets)
    {
        var findings = new List<string>();
        foreach (var (file, text) in logsByFile)
        {
            foreach (var line in text.Split('\n'))
            {
                var readings = Readings(line).ToList();
                var kinds = Shapes.Where(s => readings.Any(r => s.Shape.IsMatch(r))).Select(s => s.Kind)
                    .Concat(knownSecrets.Where(k => readings.Any(r => r.Contains(k.Value, StringComparison.Ordinal))).Select(k => k.Kind));
                findings.AddRange(kinds.Distinct().Select(kind => $"{kind}: {file}: {(line.Length > 300 ? line[..300] : line)}"));
            }
        }

        return findings;
    }

    /// <summary>The line as written and, when it is a JSON log line, every string in it unescaped.</summary>
    private static IEnumerable<string> Readings(string line)
    {
        yield return line;
        if (!line.TrimStart().StartsWith('{'))
        {
            yield break;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            yield break;
        }

        using (document)
        {
            foreach (var value in Strings(document.RootElement))
            {
                yield return value;
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)).ToList(),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings).ToList(),
        _ => [],
    };

    [GeneratedRegex("_secret_[A-Za-z0-9]")]
    private static partial Regex StripeClientSecret();

    [GeneratedRegex(@"\b[sr]k_(test|live)_[A-Za-z0-9]")]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"\bSG\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"whsec[_-][A-Za-z0-9]")]
    private static partial Regex WebhookSecret();

    /// <summary>A header with a value; a redacted one (<c>Authorization: *</c>) is fine.</summary>
    [GeneratedRegex(@"\bauthorization\b[""']?\s*[:=]\s*[""']?(?![*\s""'])", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\bbearer\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    /// <summary>Three base64url parts, the first a JSON header (<c>{"</c> is <c>eyJ</c>).</summary>
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();
}
