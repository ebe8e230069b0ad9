using System.Globalization;

namespace Commerce.Sandbox.Stripe;

/// <summary>
/// A Stripe request's form parameters, flat as sent: Stripe.net encodes nested values in bracket
/// notation (<c>metadata[order_id]=…</c>), so the keys are kept verbatim.
/// </summary>
internal sealed class StripeForm
{
    private const string MetadataPrefix = "metadata[";

    private readonly SortedDictionary<string, string> _values;

    private StripeForm(SortedDictionary<string, string> values) => _values = values;

    /// <summary>The parameters in a canonical order, for comparing two requests under one idempotency key.</summary>
    public string Fingerprint => string.Join('&', _values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));

    public static async Task<StripeForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // A POST without parameters (cancel, confirm) may come with no body or no content type.
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }
        }

        return new StripeForm(values);
    }

    public string? Text(string name) => _values.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    public string RequiredText(string name) =>
        Text(name) ?? throw Invalid($"Missing required param: {name}.", "parameter_missing", name);

    public long? Long(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid($"Invalid integer: {text}", "parameter_invalid_integer", name);
    }

    public bool? Bool(string name) => Text(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var text => throw Invalid($"Invalid boolean: {text}", "parameter_invalid_boolean", name),
    };

    /// <summary>A parameter that must be one of <paramref name="allowed"/>, or null when absent.</summary>
    public string? OneOf(string name, IReadOnlyCollection<string> allowed) => Text(name) switch
    {
        null => null,
        var text when allowed.Contains(text) => text,
        var text => throw Invalid($"Invalid {name}: must be one of {string.Join(", ", allowed)} (got '{text}')", "parameter_invalid_string", name),
    };

    /// <summary>The <c>metadata[…]</c> parameters; an empty value unsets a key, as in Stripe.</summary>
    public IReadOnlyDictionary<string, string> Metadata() => _values
        .Where(v => v.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && v.Key.EndsWith(']') && v.Value.Length > 0)
        .ToDictionary(v => v.Key[MetadataPrefix.Length..^1], v => v.Value, StringComparer.Ordinal);

    public static InvalidStripeRequestException Invalid(string message, string? code = null, string? param = null) =>
        new(StripeReply.Invalid(message, code, param));
}
