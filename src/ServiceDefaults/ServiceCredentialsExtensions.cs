using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.ServiceDefaults;

public static class ServiceCredentialsExtensions
{
    /// <summary>
    /// Outside Development, start-up fails for a PostgreSQL or RabbitMQ password committed to the
    /// repository (the local services' ones); the other secrets are refused where their options are.
    /// </summary>
    public static IServiceCollection RefuseCommittedServiceCredentials(this IServiceCollection services)
    {
        services.AddOptions<ServiceCredentials>()
            .Configure<IConfiguration>((credentials, configuration) => credentials.Read(configuration))
            .RefuseCommittedSecrets(
                (ServiceCredentials.PostgresSetting, c => [c.PostgresPassword]),
                (ServiceCredentials.RabbitMqSetting, c => [c.RabbitMqPassword]),
                (ServiceCredentials.RabbitMqManagementSetting, c => [c.RabbitMqManagementPassword]))
            .ValidateOnStart();
        return services;
    }
}
