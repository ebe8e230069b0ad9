namespace Commerce.Search.Tests.Support;

/// <summary>One request as the stub received it: method, path, query string (with '?'), body text, Authorization header.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, string? Authorization);
