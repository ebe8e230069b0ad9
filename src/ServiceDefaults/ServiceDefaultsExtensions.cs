using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every host of the system shares: structured logs, OpenTelemetry traces and metrics,
    /// problem+json errors, health checks and a bounded graceful shutdown.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // JSON lines outside Development, so log shippers get fields, not prose.
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        builder.Services.RefuseCommittedServiceCredentials();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        // After every check is registered (ours and MassTransit's), bound each one's run time.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations)
            {
                registration.Timeout = HealthCheckExtensions.CheckTimeout;
            }
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddCommerceTelemetry();
        return builder;
    }

    /// <summary>Error handling, <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Unhandled exceptions and bare status codes (404, 405, …) both become problem+json;
        // outside Development the body carries no stack trace.
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapCommerceHealthChecks();
        // Anonymous like the health checks: the scraper has no token.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
