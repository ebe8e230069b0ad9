using MassTransit;

namespace Commerce.Messaging.Tests.Support;

/// <summary>
/// A small saga that exercises what the repository and scheduler must get right: concurrent
/// events for one instance (steps in any order, even before the start), and a timeout that can be
/// scheduled and cancelled.
/// </summary>
public sealed class TestStateMachine : MassTransitStateMachine<TestSagaState>
{
    public const int AllSteps = 1 | 2 | 4;

    public TestStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Started, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => Step, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ReminderRequested, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => ReminderCancelled, e => e.CorrelateById(m => m.Message.CorrelationId));
        Schedule(() => ReminderDue, x => x.ReminderToken, s => s.Received = r => r.CorrelateById(m => m.Message.CorrelationId));

        Initially(
            When(Started).Then(c => c.Saga.StartCount++).TransitionTo(Running),
            When(Step).Then(c => Apply(c.Saga, c.Message.Step)).TransitionTo(Running));

        During(Running,
            When(Started).Then(c => c.Saga.StartCount++),
            When(Step)
                .Then(c => Apply(c.Saga, c.Message.Step))
                .If(c => c.Saga.Steps == AllSteps, done => done
                    .Publish(c => new SagaCompleted(c.Saga.CorrelationId))
                    .TransitionTo(Completed)),
            When(ReminderRequested).Schedule(ReminderDue, c => new Reminder(c.Saga.CorrelationId), c => TimeSpan.FromMilliseconds(c.Message.DelayMilliseconds)),
            When(ReminderCancelled).Unschedule(ReminderDue),
            When(ReminderDue.Received).Then(c => c.Saga.RemindedCount++));

        During(Completed, Ignore(Started), Ignore(Step));
    }

    public State Running { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public Event<StartSaga> Started { get; private set; } = null!;

    public Event<StepDone> Step { get; private set; } = null!;

    public Event<ScheduleReminder> ReminderRequested { get; private set; } = null!;

    public Event<CancelReminder> ReminderCancelled { get; private set; } = null!;

    public Schedule<TestSagaState, Reminder> ReminderDue { get; private set; } = null!;

    private static void Apply(TestSagaState saga, int step)
    {
        saga.Steps |= step;
        saga.StepEvents++;
    }
}
