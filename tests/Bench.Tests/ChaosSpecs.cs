using Commerce.Bench.Chaos;
using Commerce.Bench.Load;

namespace Commerce.Bench.Tests;

/// <summary>
/// The short chaos run (issue 8): checkout load while Workers are killed and RabbitMQ, PostgreSQL
/// and Redis restarted, then I1–I7 at quiescence. It restarts the shared services, so it is a
/// fault test: <c>./commerce test</c> runs it after everything else, alone.
/// </summary>
[Category(FaultTests.Category)]
public sealed class ChaosSpecs
{
    [Test]
    [CancelAfter(12 * 60 * 1000)]
    public async Task Short_chaos_run_keeps_every_invariant(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "chaos-" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var progress = new List<string>();

        var report = await ChaosRun.RunAsync(ChaosPlan.Brief, folder, line => progress.Add(line), cancellationToken);

        var verdict = string.Join("\n", report.Invariants.Select(i => $"{i.Id} lost {i.LostCount} dup {i.DuplicatedCount} stuck {i.StuckCount} other {i.OtherCount}: {string.Join("; ", i.Examples)}"));
        await TestContext.Out.WriteLineAsync(verdict);
        await TestContext.Out.WriteLineAsync(string.Join("\n", report.Strikes.Select(s => $"{s.At:HH:mm:ss} {s.Fault}: {s.Detail}")));
        Assert.Multiple(() =>
        {
            // The run must have hurt: every kind of fault struck, and orders were taken all the while.
            Assert.That(report.Strikes.Select(s => s.Fault).Distinct(), Is.EquivalentTo(Enum.GetValues<Fault>()), "faults struck");
            Assert.That(report.History.Count(h => h.Result == CheckoutResult.Accepted), Is.GreaterThan(report.History.Count / 2), "accepted checkouts");
            Assert.That(report.Quiescence, Is.Not.Null, $"quiescent within the deadline (logs: {folder})");
            Assert.That(report.Violations, Is.Zero, verdict + $"\nlogs: {folder}");
        });
    }
}
