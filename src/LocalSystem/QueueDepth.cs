namespace Commerce.LocalSystem;

/// <summary>A queue's messages as its queue process counts them: waiting, and delivered but not yet acknowledged.</summary>
public sealed record QueueDepth(long Ready, long Unacknowledged);
