using Commerce.Bench.Reads;
using Commerce.Bench.Reporting;
using static Commerce.Bench.Tests.ReadSteps;

namespace Commerce.Bench.Tests;

/// <summary>The lines and the target table of a read run: PASS only for a p99 under the target on a step at 300/s that kept up.</summary>
public sealed class ReadTargetsSpecs
{
    [Test]
    public void A_p99_under_the_target_at_300_per_second_passes()
    {
        var ramp = new ReadRampResult("search uncached", 100, [Step(200, 40), Step(300, 57.4), Step(400, 300, answered: 300)]);

        Assert.Multiple(() =>
        {
            Assert.That(ReadTargets.Line(ramp, "postgresql"), Is.EqualTo("reads: search uncached knee 300/s, at 300/s p99 57 ms (target < 100 ms) on postgresql: PASS"));
            Assert.That(ReadTargets.Met(ramp), Is.True);
        });
    }

    [Test]
    public void A_p99_at_or_over_the_target_misses()
    {
        var ramp = new ReadRampResult("search cached", 30, [Step(300, 30), Step(400, 31)]);

        Assert.That(ReadTargets.Line(ramp, "postgresql"), Is.EqualTo("reads: search cached knee ≥ 400/s (kept up at every rate), at 300/s p99 30 ms (target < 30 ms) on postgresql: MISS"));
    }

    [Test]
    public void A_fast_p99_on_a_step_that_did_not_keep_up_misses()
    {
        var ramp = new ReadRampResult("search uncached", 100, [Step(200, 40), Step(300, 20, errors: 30)]);

        Assert.Multiple(() =>
        {
            Assert.That(ReadTargets.Line(ramp, "postgresql"), Does.EndWith("at 300/s p99 20 ms, not kept up (300/s answered, 30 errors) (target < 100 ms) on postgresql: MISS"));
            Assert.That(ReadTargets.Check(ramp, "postgresql"), Is.EqualTo(new TargetCheck("postgresql, search uncached: p99 at 300/s < 100 ms", "at 300/s p99 20 ms, not kept up (300/s answered, 30 errors)", false)));
        });
    }

    [Test]
    public void A_ramp_that_stopped_below_300_per_second_misses_and_says_where_it_stopped()
    {
        var ramp = new ReadRampResult("search uncached", 100, [Step(100, 40), Step(200, 900, answered: 120)]);

        Assert.That(ReadTargets.Line(ramp, "postgresql"), Is.EqualTo("reads: search uncached knee 100/s, at 300/s not run (the ramp stopped at 200/s) (target < 100 ms) on postgresql: MISS"));
    }

    [Test]
    public void A_workload_without_a_target_has_neither_PASS_nor_MISS_nor_a_row_in_the_table()
    {
        var byId = new ReadRampResult("product by id", null, [Step(300, 8), Step(400, 9, answered: 100)]);
        var report = new ReadsReport("quick", 5_000, DateTimeOffset.UnixEpoch, "test machine", [new ReadBackendResult("postgresql", [byId])], [ReadBackend.ElasticsearchSkipped]);

        Assert.Multiple(() =>
        {
            Assert.That(report.Lines, Is.EqualTo(new[] { "reads: product by id knee 300/s, at 300/s p99 8 ms on postgresql", ReadBackend.ElasticsearchSkipped }));
            Assert.That(report.Targets, Is.Empty);
        });
    }

    [Test]
    public void The_markdown_has_every_step_the_lines_and_the_targets()
    {
        var uncached = new ReadRampResult("search uncached", 100, [Step(300, 57), Step(400, 700, answered: 200)]);
        var cached = new ReadRampResult("search cached", 30, [Step(300, 12)]);
        var report = new ReadsReport("quick", 5_000, DateTimeOffset.UnixEpoch, "test machine", [new ReadBackendResult("postgresql", [uncached, cached])], [ReadBackend.ElasticsearchSkipped]);

        var markdown = ReadsReportWriter.Markdown(report);

        Assert.Multiple(() =>
        {
            Assert.That(markdown, Does.Contain("| search uncached | 400 | 2000 | 2000 | 0 | 200 | 175 / 350 / 700 | 1400 | no |"));
            Assert.That(markdown, Does.Contain("| search cached | 300 | 1500 | 1500 | 0 | 300 | 3 / 6 / 12 | 24 | yes |"));
            Assert.That(markdown, Does.Contain("reads: search cached knee ≥ 300/s (kept up at every rate), at 300/s p99 12 ms (target < 30 ms) on postgresql: PASS"));
            Assert.That(markdown, Does.Contain("| postgresql, search uncached: p99 at 300/s < 100 ms | at 300/s p99 57 ms | yes |"));
            Assert.That(markdown, Does.Contain("| 300 | 80 / 200 |"), "the Api's CPU and RSS per step");
            Assert.That(markdown, Does.Contain(ReadBackend.ElasticsearchSkipped));
        });
    }
}
