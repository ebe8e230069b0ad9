using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Commerce.ServiceDefaults;

internal static class TelemetryExtensions
{
    /// <summary>The meter and activity source names of everything we instrument, ours and MassTransit's.</summary>
    public const string CommerceMeter = Commerce.Messaging.MessagingMetrics.MeterName;
    private const string MassTransitSource = "MassTransit";

    public static WebApplicationBuilder AddCommerceTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MassTransitSource, CommerceMeter, "Npgsql")
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
                    .AddSource(MassTransitSource, CommerceMeter))
                .UseOtlpExporter();
        }

        return builder;
    }
}
