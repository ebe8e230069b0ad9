namespace Commerce.Api.Auth;

internal sealed record RefreshRequest(string? RefreshToken);
