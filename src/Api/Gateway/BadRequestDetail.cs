using System.Text.Json;
using System.Text.RegularExpressions;

namespace Commerce.Api.Gateway;

/// <summary>
/// Says what was wrong with a request the framework could not bind (malformed JSON, a value of the
/// wrong type, an unknown member, a query value that does not parse), in the client's terms:
/// JSON paths and JSON types, never .NET type names.
/// </summary>
internal static partial class BadRequestDetail
{
    /// <summary>The <c>detail</c> and, where one member is to blame, <c>errors</c> keyed by its path (as in the body).</summary>
    public static (string Detail, IDictionary<string, string[]>? Errors) Describe(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.InnerException is JsonException json)
        {
            var field = Field(json.Path);
            var reason = Reason(json);
            return field is null
                ? ($"The body is not valid JSON: {reason}", null)
                : ($"The body is not valid JSON at '{field}': {reason}", new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [reason] });
        }

        if (BindFailure().Match(exception.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var message = $"'{bind.Groups["value"].Value}' is not a valid {JsonTypeOf(bind.Groups["type"].Value)}";
            return ($"The {name} parameter is invalid: {message}.", new Dictionary<string, string[]>(StringComparer.Ordinal) { [name] = [message] });
        }

        if (exception.Message.StartsWith("Required parameter", StringComparison.Ordinal))
        {
            return ("The request body is required (application/json).", null);
        }

        // Kestrel's own refusals (a bad request line or header) and the content-type checks say it plainly already.
        return (exception.Message, null);
    }

    /// <summary><c>$.items[0].quantity</c> → <c>items[0].quantity</c>; the root itself has no field.</summary>
    private static string? Field(string? path) =>
        path is null || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Reason(JsonException json)
    {
        var message = json.Message;
        if (UnmappedMember().Match(message) is { Success: true } unmapped)
        {
            return $"'{unmapped.Groups["name"].Value}' is not a member of this request";
        }

        if (NotConvertible().IsMatch(message))
        {
            // The serializer names the enclosing record here, not the member's type: say what the contract's types look like.
            return "the value is not of the member's type (numbers are JSON numbers, not strings; ids are UUID strings; times are ISO 8601 strings)";
        }

        // The reader's own words ("'}' is invalid after a value…"), without the position it appends.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim();
        var lineInfo = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return lineInfo >= 0 ? text[..lineInfo].Trim() : text;
    }

    /// <summary>A .NET type name as a JSON type a client knows.</summary>
    private static string JsonTypeOf(string dotnetType)
    {
        if (dotnetType.Contains("List`1", StringComparison.Ordinal) || dotnetType.Contains("Collection`1", StringComparison.Ordinal) || dotnetType.EndsWith("[]", StringComparison.Ordinal))
        {
            return "an array";
        }

        var name = dotnetType.Split('.').Last().TrimEnd(']', '?');
        return name switch
        {
            "Int16" or "Int32" or "Int64" or "Byte" or "UInt16" or "UInt32" or "UInt64" or "int" or "long" => "an integer (a JSON number, not a string)",
            "Decimal" or "Double" or "Single" or "decimal" or "double" => "a number (a JSON number, not a string)",
            "Guid" => "a UUID string",
            "Boolean" or "bool" => "true or false",
            "DateTimeOffset" or "DateTime" => "an ISO 8601 date-time string",
            "String" or "string" => "a string",
            _ => "an object of the documented shape",
        };
    }

    [GeneratedRegex("^The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("^The JSON value could not be converted to ")]
    private static partial Regex NotConvertible();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^ ]+) (?<name>[^\"]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindFailure();
}
