namespace Commerce.Api.Auth;

internal sealed record RegisterRequest(string? Email, string? Password, string? FullName);
