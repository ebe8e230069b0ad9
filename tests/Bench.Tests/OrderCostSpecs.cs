using Commerce.Bench.Load;
using Commerce.Bench.Measure;
using Commerce.Bench.Reporting;
using Commerce.Operations.Management;

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

    [Test]
    public void The_idle_background_over_the_steps_window_is_taken_out_of_the_cost()
    {
        // Idle: 10 s, 500 transactions, 800 statements, 100 commits, 1,100 operations, 2 s of CPU.
        var idleBefore = Snapshot(T0, cpuApi: 0, cpuWorkers: 0, transactions: 0, delivered: 0, statements: 0, commits: 0, operations: 0);
        var idleAfter = Snapshot(T0 + TimeSpan.FromSeconds(10), cpuApi: 0.5, cpuWorkers: 1.5, transactions: 500, delivered: 0, statements: 800, commits: 100, operations: 1_100);
        var idle = IdleBackground.Between(idleBefore, idleAfter);
        // A step of 20 s and 100 orders: twice the idle window, so 1,000 of its 2,700 transactions are background.
        var before = Snapshot(T0 + TimeSpan.FromSeconds(30), cpuApi: 1, cpuWorkers: 2, transactions: 1_000, delivered: 0, statements: 2_000, commits: 300, operations: 3_000);
        var after = Snapshot(T0 + TimeSpan.FromSeconds(50), cpuApi: 2, cpuWorkers: 9, transactions: 3_700, delivered: 1_200, statements: 14_000, commits: 2_300, operations: 9_800);

        var cost = OrderCost.Between(before, after, orders: 100);
        var without = cost.WithoutIdle(idle);

        Assert.Multiple(() =>
        {
            Assert.That(idle.Line("commerce"), Is.EqualTo("idle background (commerce): 50 transactions/s, 80 statements/s, 120 round trips/s, 0 deliveries/s, 200 ms CPU/s over 10 s"));
            Assert.That(cost.Transactions, Is.EqualTo(27));
            Assert.That(without.Transactions, Is.EqualTo(17), "27 less 1,000 idle transactions over 100 orders");
            Assert.That(without.Statements, Is.EqualTo(104));
            Assert.That(without.RoundTrips, Is.EqualTo(88 - 24), "operations and commits, each less its idle share");
            Assert.That(without.Deliveries, Is.EqualTo(12));
            Assert.That(without.CpuMillisecondsByProcess["workers-1"], Is.EqualTo(40));
            Assert.That(without.CpuMilliseconds, Is.EqualTo(40));
            Assert.That(without.Line("commerce", OrderCost.WithoutIdleLabel), Is.EqualTo("per order without idle background (commerce): 17 transactions, 104 statements, 64 round trips, 12 deliveries, 40 ms CPU"));
        });
    }

    [Test]
    public void Targets_judge_the_cost_without_idle_background_and_the_latencies_at_half_the_knee()
    {
        var slow = new Percentiles(100, 10, 40, 60, 80);
        var fast = new Percentiles(100, 10, 20, 30, 40);
        var steps = new[]
        {
            Step(10, keptUp: true) with { AcceptLatency = fast, ConfirmLatency = fast },
            Step(15, keptUp: true) with { AcceptLatency = slow, ConfirmLatency = fast },
            Step(30, keptUp: true),
            Step(50, keptUp: false),
        };
        var ramp = new RampResult(steps, KneePerSecond: 30, Sustained: null);
        var cost = new OrderCost(300, 20, 16, 100, 28, 4, 12.5, 40, new Dictionary<string, double>());

        var targets = TargetCheck.Evaluate(ramp, cost, ratio: 0.3).ToDictionary(t => t.Target);

        Assert.Multiple(() =>
        {
            Assert.That(targets["ratio to same-flow baseline ≥ 0.8"].Met, Is.False);
            Assert.That(targets["knee ≥ 50 orders/s"].Measured, Is.EqualTo("30/s"));
            Assert.That(targets["knee ≥ 50 orders/s"].Met, Is.False);
            Assert.That(targets["≤ 16 PostgreSQL transactions per order"].Met, Is.True);
            Assert.That(targets["≤ 32 round trips per order"].Met, Is.True, "28 operations + 4 commits");
            Assert.That(targets["≤ 12 broker deliveries per order"].Met, Is.False);
            Assert.That(targets["at half the knee: p99 of the 202 < 50 ms"].Measured, Is.EqualTo("60 ms at 15/s"), "the highest step at or below half the knee");
            Assert.That(targets["at half the knee: p99 of the 202 < 50 ms"].Met, Is.False);
            Assert.That(targets["at half the knee: p99 Submitted → Confirmed < 500 ms"].Met, Is.True);
            Assert.That(TargetCheck.Evaluate(ramp, withoutIdle: null, 0.3).Single(t => t.Target.StartsWith("≤ 16", StringComparison.Ordinal)).Measured, Is.EqualTo("not measured"));
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
