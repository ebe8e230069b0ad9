using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Commerce.ServiceDefaults;

internal static class TelemetryExtensions
{
    // The libraries' own meter and activity source names (by name: this project references neither).
    private const string MassTransitSource = MassTransitMetricsBridge.SourceMeterName;
    private const string NpgsqlMeter = "Npgsql";

    public static WebApplicationBuilder AddCommerceTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<MassTransitMetricsBridge>();
        builder.Services.AddSingleton<IHealthCheckPublisher, ReadinessGauge>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Predicate = check => check.Tags.Contains(HealthCheckExtensions.ReadyTag);
            o.Period = ReadinessGauge.Period;
        });
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MassTransitMetricsBridge.MeterName, CommerceTelemetry.MeterName, NpgsqlMeter)
                .AddPrometheusExporter());

        // Traces (and logs) leave the process only when a collector is configured (standard OTEL_*
        // variables); /metrics is always served. Without a collector no tracer is registered at all:
        // recording every MassTransit and HTTP span for nobody cost the Workers a measurable share of
        // their CPU in the bench (docs/adr/0016).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddSource(MassTransitSource, CommerceTelemetry.MeterName))
                .UseOtlpExporter();
        }

        return builder;
    }
}
