namespace Commerce.Api;

/// <summary>The answer of <c>GET /api/v1/</c>.</summary>
internal sealed record ApiInfo(string Name, string Version);
