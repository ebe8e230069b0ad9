using Commerce.LocalSystem;

namespace Commerce.Persistence.Tests.Support;

/// <summary>A migrated database of the fixture's own, shared by its tests and dropped after them.</summary>
/// <param name="purpose">Goes into the database's name, to tell whose it is.</param>
public abstract class DatabaseFixture(string purpose)
{
    protected ThrowawayDatabase Database { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => Database = await ThrowawayDatabase.CreateAsync(purpose);

    [OneTimeTearDown]
    public async Task DropDatabase() => await Database.DisposeAsync();
}
