namespace Commerce.Api.Auth;

internal sealed record LoginRequest(string? Email, string? Password);
