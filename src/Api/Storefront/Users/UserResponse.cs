namespace Commerce.Api.Storefront.Users;

internal sealed record UserResponse(Guid UserId, string Email, string FullName, IReadOnlyList<string> Roles);
