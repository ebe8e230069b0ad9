using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Commerce.Api.Gateway;

/// <summary>
/// Request bodies over 64 KiB get 413 (Kestrel's default would accept 30 MB). Kestrel enforces the
/// limit while reading, also for chunked bodies; a declared Content-Length over it is refused
/// before any byte is read, on every server (the in-process test server has no limit of its own).
/// </summary>
internal static class RequestBodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IServiceCollection AddRequestBodyLimit(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxBytes);

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            // Empty body: the status-code pages write the problem+json.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        return next(context);
    });
}
