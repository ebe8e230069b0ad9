using System.Diagnostics;
using Commerce.Bench.Hosting;
using Commerce.LocalSystem;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Bench.Baseline;

/// <summary>
/// Runs <see cref="BaselineOrderStateMachine"/> on its own virtual host of the same RabbitMQ with the
/// same prefetch as the Workers, submits a batch of orders at once and times until all are confirmed.
/// </summary>
public static class BaselineRun
{
    public static async Task<BaselineResult> RunAsync(int sagas, Action<int>? progressed, CancellationToken cancellationToken)
    {
        var services = LocalServices.Current;
        var virtualHost = await ThrowawayVirtualHost.CreateNamedAsync($"commerce-baseline-{DateTime.UtcNow:MMddHHmmss}", cancellationToken);
        try
        {
            var progress = new BaselineProgress();
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton(progress);
            builder.Services.AddMassTransit(x =>
            {
                x.DisableUsageTelemetry();
                x.SetKebabCaseEndpointNameFormatter();
                x.AddSagaStateMachine<BaselineOrderStateMachine, BaselineOrder>().InMemoryRepository();
                x.AddConsumer<BaselineReserveStockConsumer>();
                x.AddConsumer<BaselineChargeCardConsumer>();
                x.AddConsumer<BaselineConfirmationCounter>();
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(services.RabbitMqHost, virtualHost.Name, h =>
                    {
                        h.Username(services.RabbitMqUsername);
                        h.Password(services.RabbitMqPassword);
                    });
                    cfg.PrefetchCount = 16;
                    cfg.ConfigureEndpoints(context);
                });
            });
            builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            try
            {
                var bus = host.Services.GetRequiredService<IBus>();
                var started = Stopwatch.GetTimestamp();
                await Parallel.ForAsync(0, sagas, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (_, ct) =>
                    await bus.Publish(new BaselineOrderSubmitted(NewId.NextGuid()), ct));
                var deadline = DateTime.UtcNow.AddMinutes(5);
                while (progress.ConfirmedCount < sagas)
                {
                    progressed?.Invoke(progress.ConfirmedCount);
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException($"baseline: {progress.ConfirmedCount} of {sagas} sagas confirmed after 5 minutes");
                    }

                    await Task.Delay(100, cancellationToken);
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                progressed?.Invoke(sagas);
                return new BaselineResult(sagas, Math.Round(elapsed.TotalSeconds, 2), Math.Round(sagas / elapsed.TotalSeconds, 1));
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await KeepForInspection.RemoveAsync($"vhost {virtualHost.Name}", virtualHost);
        }
    }
}

public sealed record BaselineResult(int Sagas, double Seconds, double SagasPerSecond);
