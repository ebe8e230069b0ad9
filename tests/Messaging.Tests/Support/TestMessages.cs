namespace Commerce.Messaging.Tests.Support;

/// <summary>Asks <see cref="RecordEffectConsumer"/> to count one effect under <paramref name="Key"/>.</summary>
public record RecordEffect(string Key);

public record StartSaga(Guid CorrelationId);

/// <summary>One of three steps (1, 2 or 4); a saga completes once it has seen all three, in any order.</summary>
public record StepDone(Guid CorrelationId, int Step);

public record ScheduleReminder(Guid CorrelationId, int DelayMilliseconds);

public record CancelReminder(Guid CorrelationId);

public record Reminder(Guid CorrelationId);

public record SagaCompleted(Guid CorrelationId);

/// <summary>Counts its own effect and publishes <see cref="RecordEffect"/> downstream (through the outbox).</summary>
public record ForwardEffect(string Key);

/// <summary>Counted by <see cref="FlakyEffectConsumer"/>, which can be made to fail (dead-letter specs).</summary>
public record FlakyEffect(string Key);

/// <summary>Handled by <see cref="ProviderCallConsumer"/>: a provider call, then <see cref="RecordEffect"/>.</summary>
public record CallProvider(string Key);
