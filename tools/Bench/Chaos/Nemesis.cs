using System.Net.Http.Json;
using Commerce.Bench.Hosting;
using Commerce.LocalSystem;

namespace Commerce.Bench.Chaos;

/// <summary>
/// Strikes on a fixed cycle while the load runs: every other strike kills a Workers process, the
/// ones between go round the other faults, so even the short run meets each of them.
/// </summary>
public sealed class Nemesis(SystemUnderTest system, HttpClient sandbox, IReadOnlyList<Fault> faults)
{
    private static readonly Fault[] Rotation = [Fault.StripeFaults, Fault.RestartRabbitMq, Fault.SendGridDown, Fault.RestartPostgres, Fault.StopRedis];
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    private readonly List<Strike> _strikes = [];
    private readonly TaskCompletionSource _everyFaultStruck = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Strike> Strikes => _strikes;

    /// <summary>Completes once each of the faults it was given has struck at least once.</summary>
    public Task EveryFaultStruck => _everyFaultStruck.Task;

    public async Task RunAsync(TimeSpan interval, Action<string> status, CancellationToken stop)
    {
        var victim = 0;
        var kills = faults.Contains(Fault.KillWorker);
        var others = Rotation.Where(faults.Contains).ToArray();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var fault = others.Length == 0 || (kills && i % 2 == 0) ? Fault.KillWorker : others[(kills ? i / 2 : i) % others.Length];
            var started = DateTimeOffset.UtcNow;
            status($"nemesis: {fault}");
            var detail = await StrikeAsync(fault, victim++ % system.Workers.Count);
            _strikes.Add(new Strike(started, fault, detail));
            if (NotStruck(faults, _strikes).Count == 0)
            {
                _everyFaultStruck.TrySetResult();
            }
        }
    }

    /// <summary>The faults of <paramref name="planned"/> that none of <paramref name="strikes"/> was.</summary>
    public static IReadOnlyList<Fault> NotStruck(IEnumerable<Fault> planned, IReadOnlyCollection<Strike> strikes) =>
        [.. planned.Where(fault => !strikes.Any(strike => strike.Fault == fault))];

    /// <summary>Puts everything back: faults off, services started, every Workers process running.</summary>
    public async Task HealAsync(CancellationToken cancellationToken)
    {
        using (await sandbox.DeleteAsync(new Uri("sandbox/faults", UriKind.Relative), cancellationToken))
        {
        }

        await LocalRabbitMq.StartAsync(cancellationToken);
        await LocalRedis.StartAsync(cancellationToken);
        foreach (var worker in system.Workers.Where(w => w.Pid is null))
        {
            await worker.RestartAsync();
        }
    }

    private async Task<string> StrikeAsync(Fault fault, int worker)
    {
        switch (fault)
        {
            case Fault.KillWorker:
                var process = system.Workers[worker];
                var pid = process.Pid;
                await process.RestartAsync();
                return $"{process.Name} (pid {pid}) killed with SIGKILL, restarted as pid {process.Pid}";
            case Fault.RestartRabbitMq:
                await LocalRabbitMq.StopAsync(CancellationToken.None);
                await Task.Delay(Outage, CancellationToken.None);
                await LocalRabbitMq.StartAsync(CancellationToken.None);
                return $"RabbitMQ application stopped for {Outage.TotalSeconds:0} s";
            case Fault.RestartPostgres:
                await LocalPostgres.RestartImmediateAsync(CancellationToken.None);
                return "PostgreSQL restarted -m immediate";
            case Fault.StopRedis:
                await LocalRedis.StopAsync(Outage, CancellationToken.None);
                return $"Redis shut down (nosave) for {Outage.TotalSeconds:0} s";
            case Fault.StripeFaults:
                await FaultForAsync("stripe", new { mode = "error", errorRate = 0.3, timeoutRate = 0.1, timeoutSeconds = 10, dropAfterCommitRate = 0.05 });
                return $"Stripe: 30 % errors, 10 % 10 s hangs, 5 % dropped after commit, for {Outage.TotalSeconds:0} s";
            case Fault.SendGridDown:
                await FaultForAsync("sendgrid", new { mode = "down" });
                return $"SendGrid down for {Outage.TotalSeconds:0} s";
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    private async Task FaultForAsync(string target, object settings)
    {
        using (var set = await sandbox.PutAsJsonAsync(new Uri($"sandbox/faults/{target}", UriKind.Relative), settings))
        {
            set.EnsureSuccessStatusCode();
        }

        await Task.Delay(Outage);
        using (await sandbox.DeleteAsync(new Uri("sandbox/faults", UriKind.Relative)))
        {
        }
    }
}

public sealed record Strike(DateTimeOffset At, Fault Fault, string Detail);
