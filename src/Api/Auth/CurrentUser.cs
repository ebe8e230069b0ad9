using System.Security.Claims;

namespace Commerce.Api.Auth;

/// <summary>Who is calling, from the validated access token: <c>sub</c> is the user id, roles are role claims.</summary>
internal static class CurrentUser
{
    public const string AdminPolicy = "admin";

    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub"), out var id)
            ? id
            : throw new InvalidOperationException("The access token carries no user id");

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(Persistence.Users.Roles.Admin);
}
