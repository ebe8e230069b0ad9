namespace Commerce.Search;

/// <summary><see cref="Stale"/>: documents the index already held at the same or a newer version, left as they were.</summary>
public sealed record BulkIndexOutcome(int Written, int Stale);
