using Commerce.LocalSystem;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Commerce.Messaging.Tests.Support;

/// <summary>
/// One running <see cref="MessagingHost"/> per test class, with its own database and virtual
/// host, and the queries the specs assert on.
/// </summary>
public abstract class MessagingFixture
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly List<IHost> _stoppedHosts = [];

    protected ThrowawayDatabase Database { get; private set; } = null!;

    protected ThrowawayVirtualHost VirtualHost { get; private set; } = null!;

#pragma warning disable NUnit1032 // disposed in StopHost (the OneTimeTearDown); RestartHostAsync replaces it
    protected IHost Host { get; private set; } = null!;
#pragma warning restore NUnit1032

    protected IBus Bus => Host.Services.GetRequiredService<IBus>();

    [OneTimeSetUp]
    public async Task StartHost()
    {
        var purpose = GetType().Name.ToLowerInvariant();
        Database = await MessagingHost.CreateDatabaseAsync(purpose);
        VirtualHost = await ThrowawayVirtualHost.CreateAsync(purpose);
        Host = MessagingHost.Build(Database.ConnectionString, VirtualHost.Name);
        await Host.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await Host.StopAsync();
        Host.Dispose();
        _stoppedHosts.ForEach(h => h.Dispose());
        await VirtualHost.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Replaces <see cref="Host"/> with a freshly started one (after a test stopped it), optionally on <paramref name="clock"/>.</summary>
    protected async Task RestartHostAsync(TimeProvider? clock = null)
    {
        // Stopped, not disposed: MassTransit keeps the first host's logger factory in a static
        // log context, so hosts of one process are all disposed together at the end.
        await Host.StopAsync();
        _stoppedHosts.Add(Host);
        Host = MessagingHost.Build(Database.ConnectionString, VirtualHost.Name, clock: clock);
        await Host.StartAsync();
    }

    protected TestDbContext Db() => MessagingHost.CreateContext(Database.ConnectionString);

    protected async Task<int> EffectCount(string key)
    {
        await using var db = Db();
        return await db.Effects.Where(e => e.Key == key).Select(e => e.Count).SingleOrDefaultAsync();
    }

    protected async Task<TestSagaState?> Saga(Guid id)
    {
        await using var db = Db();
        return await db.Sagas.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == id);
    }

    protected Task WaitForEffect(string key, int count = 1) =>
        Poll.UntilAsync(async () => await EffectCount(key) >= count, Deadline, $"effect '{key}' to be counted {count} time(s)");

    protected Task WaitForSaga(Guid id, Func<TestSagaState, bool> condition, string what) =>
        Poll.UntilAsync(async () => await Saga(id) is { } saga && condition(saga), Deadline, what);

    /// <summary>Messages in every <c>_error</c> queue of this test's virtual host.</summary>
    protected async Task<long> FaultedMessages() => (await VirtualHost.FaultedQueuesAsync()).Sum(q => q.Messages);

    protected async Task<ISendEndpoint> Queue(string name) => await Bus.GetSendEndpoint(new Uri($"queue:{name}"));
}
