using Commerce.Bench.Load;
using Commerce.Bench.Measure;
using Commerce.Bench.Reporting;
using Commerce.Messaging.Management;

namespace Commerce.Bench.Tests;

/// <summary>The per-order cost line: counters read before and after a step, divided by the orders, on the step the report names.</summary>
public sealed class OrderCostSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Npgsql_operations_are_summed_over_every_series_of_the_metric()
    {
        const string exposition = """
            # TYPE db_client_operation_duration_seconds histogram
            db_client_operation_duration_seconds_bucket{db_client_connection_pool_name="Host=localhost;SSL Mode=Disable",le="0.001"} 10 1764000000000
            db_client_operation_duration_seconds_count{db_client_connection_pool_name="Host=localhost;SSL Mode=Disable",server_port="5432"} 1200 1764000000000
            db_client_operation_duration_seconds_count{db_client_connection_pool_name="other {pool}"} 34
            db_client_operation_duration_seconds_sum{db_client_connection_pool_name="x"} 9.5
            """;

        Assert.Multiple(() =>
        {
            Assert.That(PrometheusText.Sum(exposition, ResourceSampler.NpgsqlOperationsMetric), Is.EqualTo(1234));
            Assert.That(PrometheusText.Sum(exposition, "db_client_connection_count"), Is.Null, "a metric the text does not have");
        });
    }

    [Test]
    public void Counters_become_figures_per_accepted_order()
    {
        var before = Snapshot(T0, cpuApi: 10, cpuWorkers: 20, transactions: 1_000, delivered: 500, statements: 10_000, commits: 900, operations: 7_000);
        var after = Snapshot(T0 + TimeSpan.FromSeconds(25), cpuApi: 11, cpuWorkers: 23, transactions: 4_200, delivered: 2_700, statements: 36_700, commits: 3_100, operations: 23_000);

        var cost = OrderCost.Between(before, after, orders: 100);

        Assert.Multiple(() =>
        {
            Assert.That(cost.Transactions, Is.EqualTo(32));
            Assert.That(cost.Statements, Is.EqualTo(267));
            Assert.That(cost.RoundTrips, Is.EqualTo(160 + 22), "Npgsql's commands and batches plus the COMMITs it does not count");
            Assert.That(cost.Deliveries, Is.EqualTo(22));
            Assert.That(cost.CpuMilliseconds, Is.EqualTo(40));
            Assert.That(cost.CpuMillisecondsByProcess["workers-1"], Is.EqualTo(30));
            Assert.That(cost.Line("commerce"), Is.EqualTo("per order (commerce): 32 transactions, 267 statements, 182 round trips, 22 deliveries, 40 ms CPU"));
        });
    }

    [Test]
    public void Without_pg_stat_statements_statements_are_n_a_and_round_trips_leave_out_commits()
    {
        var before = Snapshot(T0, 0, 0, 0, 0, statements: null, commits: null, operations: 0);
        var after = Snapshot(T0 + TimeSpan.FromSeconds(10), 0.5, 1, 300, 220, statements: null, commits: null, operations: 1_500);

        var cost = OrderCost.Between(before, after, orders: 10);

        Assert.Multiple(() =>
        {
            Assert.That(cost.RoundTripsIncludeCommits, Is.False);
            Assert.That(cost.Line("commerce"), Is.EqualTo("per order (commerce): 30 transactions, n/a statements, 150 round trips, 22 deliveries, 150 ms CPU"));
        });
    }

    [Test]
    public void The_cost_comes_from_the_sustained_step_else_the_highest_step_kept_up()
    {
        var steps = new[] { Step(5, keptUp: true), Step(10, keptUp: true), Step(15, keptUp: false) };
        var held = Step(10, keptUp: true, seconds: 60);

        var (withSustain, sustainedBasis) = BenchReport.CostStep(steps, held);
        var (ramp, rampBasis) = BenchReport.CostStep(steps, sustained: null);
        var (none, noneBasis) = BenchReport.CostStep([Step(5, keptUp: false), Step(10, keptUp: false)], sustained: null);

        Assert.Multiple(() =>
        {
            Assert.That(withSustain, Is.SameAs(held));
            Assert.That(sustainedBasis, Is.EqualTo("held 10/s for 60 s"));
            Assert.That(ramp, Is.SameAs(steps[1]));
            Assert.That(rampBasis, Is.EqualTo("10/s, the highest step kept up"));
            Assert.That(none!.OfferedPerSecond, Is.EqualTo(5));
            Assert.That(noneBasis, Does.Contain("no step kept up"));
        });
    }

    private static ResourceSnapshot Snapshot(DateTimeOffset at, double cpuApi, double cpuWorkers, long transactions, long delivered, long? statements, long? commits, long? operations) =>
        new(at, new Dictionary<string, (double, long)> { ["api-1"] = (cpuApi, 0), ["workers-1"] = (cpuWorkers, 0) }, transactions, new MessageTotals(0, delivered))
        {
            Statements = statements,
            Commits = commits,
            NpgsqlOperations = operations,
        };

    private static StepResult Step(double rate, bool keptUp, double seconds = 10)
    {
        var orders = (int)(rate * seconds);
        var use = new ResourceUse(new Dictionary<string, ProcessUse>(), 0, 0, 0);
        return new StepResult(rate, seconds, orders, orders, 0, 0, keptUp ? orders : orders / 2, rate, keptUp ? rate : rate / 2, Percentiles.None, Percentiles.None, keptUp, use);
    }
}
