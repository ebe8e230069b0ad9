using Commerce.LocalSystem;
using Commerce.Messaging.Configuration;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Messaging.Tests.Support;

/// <summary>
/// A Workers-like host wired exactly as the real ones are (bus outbox, consumer outbox, saga
/// repository, scheduler), against the real PostgreSQL and RabbitMQ, in a virtual host and a
/// database of the test's own. Runs in-process, or as its own process through <see cref="Program"/>.
/// </summary>
public static class MessagingHost
{
    /// <summary>The test host; with <paramref name="clock"/>, its messaging services (scheduler, inbox timestamps) keep that time.</summary>
    public static IHost Build(string connectionString, string virtualHost, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(BusSettings(virtualHost));
        builder.Configuration.AddInMemoryCollection([new("Messaging:PollInterval", "00:00:00.200")]);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Tests publish right after start: the endpoints must be bound by then, or RabbitMQ drops
        // what it cannot route. (The real hosts start without waiting and report readiness instead.)
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.Services.AddDbContext<TestDbContext>(db => db.UseNpgsql(connectionString));
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddRabbitMqBus(builder.Configuration, x =>
        {
            x.AddPostgresOutbox<TestDbContext>(o => o.UseBusOutbox().UseMessageScheduler());
            x.SetPostgresSagaRepositoryProvider<TestDbContext>();
            x.AddSagaStateMachine<TestStateMachine, TestSagaState>();
            x.AddConsumer<RecordEffectConsumer>();
            x.AddConsumer<ForwardEffectConsumer>();
            x.AddConsumer<ProviderCallConsumer>();
            x.AddConsumer<FlakyEffectConsumer, FlakyEffectConsumerDefinition>();
        });
        return builder.Build();
    }

    /// <summary>A bus with no consumers and no outbox: the tests' own way to put messages on the broker.</summary>
    public static IHost BuildPublisher(string virtualHost)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(BusSettings(virtualHost));
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.Services.AddRabbitMqBus(builder.Configuration);
        return builder.Build();
    }

    private static Dictionary<string, string?> BusSettings(string virtualHost) => new()
    {
        ["RabbitMq:Host"] = LocalServices.Current.RabbitMqHost,
        ["RabbitMq:VirtualHost"] = virtualHost,
        ["RabbitMq:Username"] = LocalServices.Current.RabbitMqUsername,
        ["RabbitMq:Password"] = LocalServices.Current.RabbitMqPassword,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
    };

    /// <summary>A fresh database with the test context's schema.</summary>
    public static async Task<ThrowawayDatabase> CreateDatabaseAsync(string purpose)
    {
        var database = await ThrowawayDatabase.CreateAsync(purpose, migrate: false);
        await using var db = CreateContext(database.ConnectionString);
        await db.Database.EnsureCreatedAsync();
        return database;
    }

    public static TestDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(connectionString).Options);
}
