using MassTransit;

namespace Commerce.Bench.SameFlow;

/// <summary>The handle a saga keeps for a message <see cref="InProcessScheduleProvider"/> will send.</summary>
public sealed record InProcessScheduledMessage<T>(Guid TokenId, DateTime ScheduledTime, Uri Destination, T Payload) : ScheduledMessage<T>
    where T : class;
