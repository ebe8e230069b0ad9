using Commerce.Messaging.Storage;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Tests.Support;

/// <summary>
/// A DbContext of the tests' own, with EF's default (PascalCase) names: the plumbing must read
/// table and column names from the model, not assume the application's snake_case.
/// </summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    public DbSet<TestSagaState> Sagas => Set<TestSagaState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<Effect>().HasKey(e => e.Key);
        modelBuilder.Entity<TestSagaState>().HasKey(s => s.CorrelationId);
        modelBuilder.Entity<TestSagaState>().Property(s => s.CurrentState).HasMaxLength(64);
    }
}

/// <summary>How often a side effect happened; the tests want exactly once.</summary>
public class Effect
{
    public required string Key { get; set; }

    public int Count { get; set; }
}

public class TestSagaState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public int StartCount { get; set; }

    public int Steps { get; set; }

    public int StepEvents { get; set; }

    public Guid? ReminderToken { get; set; }

    public int RemindedCount { get; set; }
}
