using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.ServiceDefaults;

/// <summary>
/// Writes a health report as JSON naming each dependency, so ops see which one is down. The
/// endpoint is anonymous, so a failed check shows its exception's type only: the message (hosts,
/// ports, a client's internal state) goes to the health check service's own error log.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (report.Status != HealthStatus.Healthy && HealthCheckExtensions.IsReady(report))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
        }

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Exception is { } exception ? exception.GetType().Name : e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
