using Commerce.Messaging.Storage;
using Commerce.Messaging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Messaging.Tests;

/// <summary>Saga timeouts through the PostgreSQL scheduler: no broker plugin, in the step's own transaction, and durable.</summary>
[TestFixture]
public sealed class SchedulerSpecs : MessagingFixture
{
    private async Task<Guid> StartedSaga()
    {
        var id = Guid.NewGuid();
        await Bus.Publish(new StartSaga(id));
        await WaitForSaga(id, s => s.StartCount == 1, "the saga to start");
        return id;
    }

    private async Task<int> StoredSchedules(Guid sagaId)
    {
        await using var db = Db();
        var token = (await Saga(sagaId))?.ReminderToken;
        return token is null ? 0 : await db.Set<ScheduledDelivery>().CountAsync(s => s.TokenId == token);
    }

    [Test]
    public async Task A_scheduled_message_arrives_when_due()
    {
        var id = await StartedSaga();

        await Bus.Publish(new ScheduleReminder(id, 500));

        await WaitForSaga(id, s => s.RemindedCount == 1, "the reminder to arrive");
    }

    [Test]
    public async Task A_schedule_is_written_in_the_transaction_of_the_saga_step_that_made_it()
    {
        var id = await StartedSaga();
        await using var holder = Db();
        var table = new StoreNames<ScheduledDelivery>(holder).Table;
        var lockTable = $"LOCK TABLE {table} IN SHARE MODE";
        var waiting = $"SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE relation = '{table}'::regclass AND NOT granted";
        Guid? tokenWhileBlocked;
        await using (var blocking = await holder.Database.BeginTransactionAsync())
        {
            // Reads still pass; any insert into the scheduler table waits until this rolls back.
            await holder.Database.ExecuteSqlRawAsync(lockTable);
            await Bus.Publish(new ScheduleReminder(id, 60_000));
            await Poll.UntilAsync(
                async () => await holder.Database.SqlQueryRaw<int>(waiting).SingleAsync() > 0,
                Deadline,
                "something to wait to store the schedule");
            // Had the schedule gone to the scheduler queue, the step would have committed first and
            // the scheduler's consumer would be the one waiting.
            await using var reader = Db();
            tokenWhileBlocked = (await reader.Set<TestSagaState>().AsNoTracking().SingleAsync(s => s.CorrelationId == id)).ReminderToken;
        }

        Assert.That(tokenWhileBlocked, Is.Null, "the saga step waited for its schedule row, so neither is visible without the other");
        await WaitForSaga(id, s => s.ReminderToken is not null, "the step to commit once the table is free");
        Assert.That(await StoredSchedules(id), Is.EqualTo(1));
    }

    [Test]
    public async Task A_cancelled_message_never_arrives()
    {
        var cancelled = await StartedSaga();
        var kept = await StartedSaga();

        await Bus.Publish(new ScheduleReminder(cancelled, 1500));
        await WaitForSaga(cancelled, s => s.ReminderToken is not null, "the reminder to be scheduled");
        await Poll.UntilAsync(async () => await StoredSchedules(cancelled) == 1, Deadline, "the schedule to be stored");
        await Bus.Publish(new CancelReminder(cancelled));
        await Poll.UntilAsync(async () => await StoredSchedules(cancelled) == 0, Deadline, "the schedule to be removed");
        await Bus.Publish(new ScheduleReminder(kept, 2500));

        // The kept reminder was due after the cancelled one: once it has arrived, the cancelled
        // one would have arrived too, had it not been cancelled.
        await WaitForSaga(kept, s => s.RemindedCount == 1, "the later reminder to arrive");
        Assert.That((await Saga(cancelled))!.RemindedCount, Is.Zero);
    }

    [Test]
    public async Task A_scheduled_message_survives_a_restart_of_the_workers()
    {
        // First a host whose clock stands still: its dispatcher never finds the reminder due (and
        // never wakes for a second pass), so only the host after the restart can send it.
        await RestartHostAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var id = await StartedSaga();
        await Bus.Publish(new ScheduleReminder(id, 1000));
        await Poll.UntilAsync(async () => await StoredSchedules(id) == 1, Deadline, "the schedule to be stored");
        Assert.That((await Saga(id))!.RemindedCount, Is.Zero, "not sent before the restart");

        await RestartHostAsync();

        await WaitForSaga(id, s => s.RemindedCount == 1, "the reminder to arrive after the restart");
    }
}
