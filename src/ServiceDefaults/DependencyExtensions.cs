using Commerce.Messaging.Configuration;
using Commerce.Persistence;
using Commerce.Persistence.Configuration;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Commerce.ServiceDefaults;

/// <summary>One method per backing service: registers the client, its validated options and its readiness check.</summary>
public static class DependencyExtensions
{
    public static WebApplicationBuilder AddPostgres(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCommercePersistence(builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<CommerceDbContext>("postgres", tags: [HealthCheckExtensions.ReadyTag]);
        return builder;
    }

    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RedisOptions>()
            .Bind(builder.Configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Created on first use and never aborts on a failed connect: the process keeps running
        // while Redis is down and the multiplexer reconnects on its own.
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            options.AsyncTimeout = 2000;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddHealthChecks()
            .AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "redis", tags: [HealthCheckExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>MassTransit on RabbitMQ; MassTransit adds its own bus check tagged <c>ready</c>.</summary>
    public static WebApplicationBuilder AddRabbitMq(
        this WebApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configure = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCommerceBus(builder.Configuration, configure, configureBus);
        return builder;
    }
}
