using Commerce.Bench.Measure;
using Commerce.Bench.Reads;

namespace Commerce.Bench.Tests;

/// <summary>Synthetic read steps for the specs of the knee and the report.</summary>
internal static class ReadSteps
{
    public static ReadStepResult Step(double offered, double p99, double? answered = null, int errors = 0)
    {
        var sent = (int)(offered * 5);
        return new ReadStepResult(
            offered,
            5,
            sent,
            sent - errors,
            errors,
            answered ?? offered,
            new Percentiles(sent, p99 / 4, p99 / 2, p99, p99 * 2),
            new ResourceUse(new Dictionary<string, ProcessUse> { ["api-1"] = new(80, 200) }, 0, 0, 0));
    }
}
