using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Commerce.Api.Tests.Hosting;

/// <summary>
/// A test-only path that throws, behind every middleware of the Api (its exception handler
/// included), so a test sees what an unexpected failure answers. Nothing in the Api maps it.
/// </summary>
public sealed class FailingRoute : IStartupFilter
{
    public const string Path = "/test-only/fail";

    /// <summary>In the exception only: the answer must not carry it.</summary>
    public const string Secret = "internal-detail-7f3a";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate rest) =>
            context.Request.Path == Path ? throw new InvalidOperationException($"connection to db-primary failed: {Secret}") : rest(context));
    };
}
