using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.RabbitMqTransport.Middleware;

namespace Commerce.Messaging.Configuration;

/// <summary>
/// Declares a receive endpoint's <c>_error</c> exchange, queue and binding on the endpoint's own
/// channel as it starts, with MassTransit's own error settings and topology filter. MassTransit
/// declares them only at the first fault, so until then the RabbitMQ UI cannot show where dead
/// letters will land, and <c>dlq list</c> and the dead-letter metrics do not know the queue.
/// </summary>
internal sealed class ErrorQueueDeclaration : IFilter<ChannelContext>
{
    private readonly Lazy<ConfigureRabbitMqTopologyFilter<ErrorSettings>> _declare;

    private ErrorQueueDeclaration(IRabbitMqReceiveEndpointConfiguration endpoint)
    {
        // Read when the first channel opens: the endpoint's settings are final only once it is built.
        _declare = new(() =>
        {
            var settings = endpoint.Topology.Send.GetErrorSettings(endpoint.Settings);
            return new ConfigureRabbitMqTopologyFilter<ErrorSettings>(settings, settings.GetBrokerTopology());
        });
    }

    /// <summary>Adds the declaration to <paramref name="endpoint"/> when it is a RabbitMQ receive endpoint.</summary>
    public static void AddTo(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq and IRabbitMqReceiveEndpointConfiguration configuration)
        {
            rabbitMq.ConfigureChannel(channel => channel.UseFilter(new ErrorQueueDeclaration(configuration)));
        }
    }

    public Task Send(ChannelContext context, IPipe<ChannelContext> next) => _declare.Value.Send(context, next);

    public void Probe(ProbeContext context) => context.CreateFilterScope("declareErrorQueue");
}
