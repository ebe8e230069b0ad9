using Commerce.Bench.Load;
using Commerce.Bench.Measure;
using Commerce.Bench.Reads;
using static Commerce.Bench.Tests.ReadSteps;

namespace Commerce.Bench.Tests;

/// <summary>The one knee rule of both ramps: every request answered, at 90 % of the offered rate or more; the knee the highest such rate.</summary>
public sealed class KneeRuleSpecs
{
    [Test]
    public void The_knee_is_the_highest_rate_kept_up_by_the_checkout_ramps_rule()
    {
        var ramp = new ReadRampResult("search uncached", 100, [Step(50, 10), Step(100, 12), Step(200, 40, answered: 181), Step(300, 900, answered: 179)]);

        Assert.Multiple(() =>
        {
            Assert.That(ramp.Steps.Select(s => s.KeptUp), Is.EqualTo(new[] { true, true, true, false }), "181/s of 200 is 90 % and more; 179/s of 300 is not");
            Assert.That(ramp.KneePerSecond, Is.EqualTo(200));
            Assert.That(ramp.KeptUpAtEveryRate, Is.False);
        });
    }

    [Test]
    public void One_failed_request_is_a_step_not_kept_up_whatever_the_rate()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Step(100, 10, errors: 1).KeptUp, Is.False);
            Assert.That(KneeRule.Knee([Step(50, 10, errors: 1)]), Is.Zero, "no step kept up: knee 0");
        });
    }

    [Test]
    public void A_checkout_step_is_judged_by_the_same_rule_on_its_confirmed_rate()
    {
        static StepResult Checkout(double confirmedPerSecond, int refused = 0) =>
            new(20, 10, 200, 200 - refused, refused, 0, 200 - refused, 20, confirmedPerSecond, Percentiles.None, Percentiles.None, Drained: true, new ResourceUse(new Dictionary<string, ProcessUse>(), 0, 0, 0));

        Assert.Multiple(() =>
        {
            Assert.That(Checkout(18).KeptUp, Is.True);
            Assert.That(Checkout(17.9).KeptUp, Is.False);
            Assert.That(Checkout(20, refused: 1).KeptUp, Is.False);
        });
    }

    [Test]
    public async Task The_ramp_stops_at_the_first_step_not_kept_up_and_keeps_that_step()
    {
        var ran = new List<double>();

        var steps = await KneeRule.UntilNotKeptUpAsync([50, 100, 200, 300], rate =>
        {
            ran.Add(rate);
            return Task.FromResult(Step(rate, 10, answered: rate >= 200 ? rate / 2 : rate));
        });

        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.EqualTo(new double[] { 50, 100, 200 }));
            Assert.That(steps.Select(s => s.OfferedPerSecond), Is.EqualTo(ran));
        });
    }
}
