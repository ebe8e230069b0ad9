using Commerce.Api.Auth;
using Commerce.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Storefront.Users;

/// <summary><c>GET /users/me</c>: the caller's account, from the database rather than the token.</summary>
internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder v1)
    {
        v1.MapGet("/users/me", GetMeAsync)
            .RequireAuthorization()
            .WithTags(ApiTags.Users)
            .WithName("GetMe")
            .WithSummary("The signed-in user.")
            .WithDescription("Id, email, full name and roles of the account the access token belongs to.");
        return v1;
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetMeAsync(
        HttpContext http, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var userId = http.User.GetUserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        // A valid token of a deleted account identifies nobody.
        return user is null
            ? TypedResults.Problem(title: "Unknown user", statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.Ok(new UserResponse(user.Id, user.Email, user.FullName, user.Roles));
    }
}
