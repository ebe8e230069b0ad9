using Commerce.Bench.Commands;

namespace Commerce.Bench.Tests;

/// <summary><c>./commerce chaos --duration</c> reads what people type, and refuses a bare number TimeSpan would take for days.</summary>
public sealed class DurationTextSpecs
{
    [TestCase("90s", 90)]
    [TestCase("10m", 600)]
    [TestCase("1.5h", 5400)]
    [TestCase("00:02:30", 150)]
    public void Durations_with_a_unit_or_as_a_clock_are_read(string text, double seconds) =>
        Assert.That(DurationText.Parse(text), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase("600")]
    [TestCase("0s")]
    [TestCase("-5m")]
    [TestCase("ten minutes")]
    public void Anything_else_is_refused(string text) =>
        Assert.That(DurationText.Parse(text), Is.Null);
}
