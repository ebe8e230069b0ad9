namespace Commerce.Api.Auth;

internal sealed record RegisterRequest(string? Email, string? Password, string? FullName);

internal sealed record RegisterResponse(Guid UserId);

internal sealed record LoginRequest(string? Email, string? Password);

internal sealed record RefreshRequest(string? RefreshToken);

internal sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");
