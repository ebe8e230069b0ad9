namespace Commerce.Bench.Chaos;

/// <summary>How long the load runs, at what rate, and how often the nemesis strikes.</summary>
public sealed record ChaosPlan(string Mode, TimeSpan Duration, double RatePerSecond, TimeSpan NemesisInterval)
{
    /// <summary>The faults the nemesis uses; all of them unless narrowed (<c>--faults</c>).</summary>
    public IReadOnlyList<Fault> Faults { get; init; } = Enum.GetValues<Fault>();

    /// <summary>How long the backlog may go without a new low before what is left counts as stuck.</summary>
    public TimeSpan StallWindow { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How much longer than <see cref="Duration"/> the load may go on while the nemesis has not yet
    /// struck every fault of the plan once: a slow restart (RabbitMQ's start_app under load can take
    /// most of a minute) must not end a run that never met a fault.
    /// </summary>
    public TimeSpan EveryFaultAllowance { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The longest the run waits for quiescence, however the backlog is doing.</summary>
    public TimeSpan QuiescenceCap { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The variant inside <c>./commerce test</c>: every fault at least once, about four minutes in all.</summary>
    public static readonly ChaosPlan Brief = new("short", TimeSpan.FromSeconds(80), 6, TimeSpan.FromSeconds(3));

    /// <summary>
    /// Ten minutes at 4 orders/s, below the knee the bench measures on the 2-core machine (5–15/s):
    /// above it the backlog grows for the whole run and no wait can tell a loss from a queue. A
    /// redelivery may wait up to 5 min (ExternalCallConsumerDefinition), hence the longer stall window.
    /// </summary>
    public static readonly ChaosPlan Extended = new("long", TimeSpan.FromMinutes(10), 4, TimeSpan.FromSeconds(5))
    {
        StallWindow = TimeSpan.FromMinutes(6),
        QuiescenceCap = TimeSpan.FromMinutes(20),
    };
}

public enum Fault
{
    /// <summary>SIGKILL one of the two Workers processes, then start it again.</summary>
    KillWorker,

    /// <summary>Stop RabbitMQ's application for a few seconds.</summary>
    RestartRabbitMq,

    /// <summary>pg_ctlcluster restart -m immediate.</summary>
    RestartPostgres,

    /// <summary>Redis shut down without saving, then started again.</summary>
    StopRedis,

    /// <summary>The sandbox's Stripe answers 30 % 500s and 10 % hangs, and drops 5 % of responses after committing.</summary>
    StripeFaults,

    /// <summary>The sandbox's SendGrid is down.</summary>
    SendGridDown,
}
