using MassTransit;
using MassTransit.DependencyInjection.Registration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Configuration;

public static class BusRegistrationExtensions
{
    /// <summary>
    /// Registers MassTransit on RabbitMQ with these conventions: kebab-case queue names
    /// (so the management UI reads like the architecture), bounded prefetch, and options
    /// validated on start. <paramref name="configure"/> adds consumers, sagas and plumbing;
    /// <paramref name="filterEndpoints"/> may leave some of them without an endpoint, decided when the
    /// bus starts (settings read then, not while services are registered).
    /// </summary>
    public static IServiceCollection AddRabbitMqBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configure = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null,
        Action<IBusRegistrationContext, IRegistrationFilterConfigurator>? filterEndpoints = null)
    {
        services.AddOptions<RabbitMqOptions>()
            .Bind(configuration.GetSection(RabbitMqOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // MassTransit otherwise reports usage to its vendor over the internet; nothing leaves this system.
            x.DisableUsageTelemetry();
            // Before every other endpoint callback, so hostile input meets nothing else first.
            x.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseFilter(new InboundMessageGuard(context.GetRequiredService<IOptions<RabbitMqOptions>>().Value.MaxMessageBytes));
                endpoint.ConfigureDeadLetter(d => d.UseFilter(new UnconsumedMessageToError()));
                ErrorQueueDeclaration.AddTo(endpoint);
            });
            configure?.Invoke(x);

            x.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, h =>
                {
                    h.Username(options.Username);
                    h.Password(options.Password);
                    h.PublisherConfirmation = true;
                });
                cfg.PrefetchCount = options.PrefetchCount;
                configureBus?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context, filter => filterEndpoints?.Invoke(context, filter));
            });
        });

        return services;
    }
}
