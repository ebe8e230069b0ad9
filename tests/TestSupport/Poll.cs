using System.Diagnostics;

namespace Commerce.TestSupport;

/// <summary>Waits for a condition with a deadline — the tests' only way to wait (never a fixed sleep).</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns how long it took; fails the test naming <paramref name="what"/> when the deadline passes.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > deadline)
            {
                Assert.Fail($"Timed out after {deadline.TotalSeconds:0.#} s waiting for {what}");
            }

            await Task.Delay(Interval);
        }
    }
}
