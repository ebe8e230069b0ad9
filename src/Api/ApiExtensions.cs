using Commerce.Api.Auth;
using Commerce.Api.OpenApi;
using Commerce.Api.Gateway;
using Commerce.Api.Operations;
using Commerce.Api.Ordering;
using Commerce.Api.Storefront;
using Scalar.AspNetCore;

namespace Commerce.Api;

internal static class ApiExtensions
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddApiDocument();
        builder.Services.AddGateway();
        builder.Services.AddAuth();
        builder.AddStorefront();
        builder.AddOrdering();
        builder.AddOperations();
        builder.AddStuckOrders();
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            // The contract document and an interactive page to try it: /openapi/v1.json, /scalar.
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }

        // Authentication, rate limits and the other gateway protections run before any route; a route
        // that names no policy needs a logged-in caller (AuthenticatedByDefault), so anonymous ones say AllowAnonymous.
        app.UseGateway();

        // Every product route lives under /api/v1 (URL versioning, docs/adr/0005).
        var v1 = app.MapGroup("/api/v1");
        v1.MapGet("/", () => TypedResults.Ok(new ApiInfo("Commerce.Messaging", "v1")))
            .AllowAnonymous()
            .WithTags(ApiTags.Service)
            .WithName("GetApiInfo")
            .WithSummary("Names the API and its version.")
            .WithDescription("A cheap anonymous call that tells a client it reached this API, and which version of it.");
        v1.MapAuth();
        v1.MapStorefront();
        v1.MapOrdering();
        v1.MapOperations();
        v1.MapStuckOrders();
        v1.MapAdminOrders();
        return app;
    }
}
