namespace Commerce.Api.Gateway;

/// <summary>Collects field errors for a 400 problem+json whose <c>errors</c> are keyed by field (camelCase, as in the body).</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            if (!_errors.TryGetValue(field, out var messages))
            {
                _errors[field] = messages = [];
            }

            messages.Add(message);
        }

        return this;
    }

    /// <summary>Required text within a length, without NUL (PostgreSQL rejects it in text, which would be a 500).</summary>
    public Validation Text(string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Check(!required, field, $"{field} is required");
        }

        Check(value.Length <= maxLength, field, $"{field} must be at most {maxLength} characters");
        return Check(!value.Contains('\0', StringComparison.Ordinal), field, $"{field} must not contain NUL characters");
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
