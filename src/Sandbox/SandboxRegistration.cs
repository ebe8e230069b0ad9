using System.Text.Json;
using System.Text.Json.Serialization;
using Commerce.Sandbox.Faults;
using Commerce.Sandbox.SendGrid;
using Commerce.Sandbox.Stripe;
using Commerce.Sandbox.Warehouse;

namespace Commerce.Sandbox;

/// <summary>The sandbox's services and routes, one call each from <see cref="Program"/>.</summary>
internal static class SandboxRegistration
{
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        // Enums as their names ("mode": "error"), as the fault API's callers write them.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FaultSwitchboard>();

        // Everything the sandbox remembers is a singleton in memory; POST /sandbox/reset clears each IResettable.
        AddResettable<PaymentLedger>(services);
        AddResettable<IdempotencyStore>(services);
        AddResettable<MailOutbox>(services);
        AddResettable<FulfillmentBook>(services);
        AddResettable<WebhookQueue>(services);
        services.AddSingleton<StripeGateway>();

        services.AddOptions<WarehouseOptions>()
            .BindConfiguration(WarehouseOptions.Section)
            .Validate(o => !o.Validate().Any(), $"invalid {WarehouseOptions.Section} settings")
            .ValidateOnStart();
        services.AddSingleton<WarehouseSettings>();
        services.AddSingleton<Shipper>();
        services.AddHostedService<WebhookSender>();
        services.AddHttpClient(WebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            // A webhook answered with a redirect is a misconfigured URL, not somewhere to post to.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return builder;
    }

    public static WebApplication MapSandbox(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "Healthy" }));
        app.MapStripe();
        app.MapSendGrid();
        app.MapWarehouse();
        app.MapSandboxControls();
        return app;
    }

    private static void AddResettable<T>(IServiceCollection services)
        where T : class, IResettable
    {
        services.AddSingleton<T>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<T>());
    }
}
