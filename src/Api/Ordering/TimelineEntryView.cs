namespace Commerce.Api.Ordering;

internal sealed record TimelineEntryView(string Status, DateTimeOffset At, string? Detail);
