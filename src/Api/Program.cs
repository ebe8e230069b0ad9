using Commerce.Messaging.Configuration;
using Commerce.Persistence;
using Commerce.Persistence.Configuration;
using Commerce.ServiceDefaults;

namespace Commerce.Api;

#pragma warning disable CA1515 // public so the tests' WebApplicationFactory<Program> can start it
public sealed class Program
#pragma warning restore CA1515
{
    private Program()
    {
    }

    public static Task<int> Main(string[] args) => HostRunner.RunAsync("Commerce.Api", async () =>
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.Services.AddCommercePersistence(builder.Configuration, HealthCheckExtensions.ReadyTag);
        builder.AddRedis();
        builder.Services.AddRabbitMqBus(builder.Configuration, x => x.AddPostgresOutbox<CommerceDbContext>(o => o
            .UseMeter(CommerceTelemetry.MeterName, CommerceTelemetry.InstrumentPrefix)
            .UseBusOutbox()));
        builder.AddApi();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapApi();
        await app.RunAsync();
    });
}
