using Commerce.Contracts;
using Commerce.ServiceDefaults;
using Commerce.Workers.Integrations;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Workers.Notifications;

/// <summary>The order emails through SendGrid (<see cref="IEmailSender"/>), on their queue.</summary>
public static class NotificationsRegistration
{
    public static void AddNotificationConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddConsumer<SendNotificationConsumer, ExternalCallConsumerDefinition<SendNotificationConsumer>>().Endpoint(e => e.Name = Queues.SendNotification);
    }

    /// <summary>The SendGrid client over a factory HttpClient (it retries nothing by default), inside our pipeline.</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProviderOptions<SendGridOptions>(builder.Configuration, SendGridOptions.SectionName)
            .RequireTlsInProduction("SendGrid:Host", o => o.Host)
            .RefuseCommittedSecrets(("SendGrid:ApiKey", o => [o.ApiKey]));
        builder.Services.AddProviderClient<SendGridOptions>(
            SendGridEmailSender.HttpClientName, SendGridEmailSender.PipelineName, o => o.Host, o => o.Resilience, SendGridEmailSender.IsTransient);
        builder.Services.AddTransient<IEmailSender, SendGridEmailSender>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RecentlySentEmails>();
        return builder;
    }
}
