using Commerce.ServiceDefaults;

namespace Commerce.Api;

#pragma warning disable CA1515 // public so the tests' WebApplicationFactory<Program> can start it
public sealed class Program
#pragma warning restore CA1515
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults()
            .AddPostgres()
            .AddRedis()
            .AddRabbitMq();
        builder.AddApi();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapApi();
        return await app.RunUntilStoppedAsync();
    }
}
