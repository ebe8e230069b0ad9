namespace Commerce.Api.Auth;

internal sealed record RegisterResponse(Guid UserId);
