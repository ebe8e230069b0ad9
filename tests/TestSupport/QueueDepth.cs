namespace Commerce.TestSupport;

/// <summary>What a queue holds: messages ready for delivery and messages delivered but not yet acknowledged.</summary>
public sealed record QueueDepth(long Ready, long Unacknowledged);
