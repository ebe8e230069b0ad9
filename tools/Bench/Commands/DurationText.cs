using System.Globalization;

namespace Commerce.Bench.Commands;

/// <summary>
/// Durations on the command line as people write them: <c>90s</c>, <c>10m</c>, <c>1h</c>, or
/// <c>hh:mm:ss</c>. A bare number is refused: TimeSpan would read <c>600</c> as 600 days.
/// </summary>
public static class DurationText
{
    public static TimeSpan? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
        }

        if (text.Length < 2 || !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        return char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => null,
        };
    }
}
