using Microsoft.AspNetCore.Authorization;

namespace Commerce.Api.Auth;

/// <summary>
/// The Api's fallback authorization policy (docs/adr/0033): an endpoint that says nothing about
/// authorization needs an authenticated caller, so a route added without thought is closed, not open.
/// Anonymous routes say so with <c>AllowAnonymous</c>.
/// </summary>
internal static class AuthenticatedByDefault
{
    /// <summary>
    /// An authenticated user, or a request that matched no endpoint: the fallback policy also runs
    /// for those, and an unknown path (<c>/api/v0/…</c>) must stay routing's problem+json 404 for
    /// everyone instead of becoming a 401 that tells a caller to log in to a route that does not exist.
    /// </summary>
    public static AuthorizationPolicy Policy { get; } = new AuthorizationPolicyBuilder()
        .RequireAssertion(context =>
            context.User.Identity?.IsAuthenticated == true
            || context.Resource is HttpContext http && http.GetEndpoint() is null)
        .Build();
}
