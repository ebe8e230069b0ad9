namespace Commerce.Api.Gateway;

/// <summary>
/// Headers that stop browsers from sniffing, framing or leaking API responses. Added when the
/// response starts, so error responses written by the exception handler carry them too.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>API responses are data, never documents: nothing may load or frame them.</summary>
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // The Development-only Scalar page runs scripts and styles of its own: a strict policy would blank it.
            if (!context.Request.Path.StartsWithSegments("/scalar"))
            {
                headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
            }

            // Tokens and personal data must not be kept by browsers or intermediaries.
            if (context.Request.Path.StartsWithSegments("/api/v1/auth") || context.Request.Path.StartsWithSegments("/api/v1/users"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
