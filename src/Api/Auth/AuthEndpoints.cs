using System.Net.Mail;
using Commerce.Api.Gateway;
using Commerce.Persistence;
using Commerce.Persistence.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Auth;

/// <summary><c>/auth/register</c>, <c>/auth/login</c>, <c>/auth/refresh</c>, <c>/auth/logout</c>.</summary>
internal static class AuthEndpoints
{
    private const int MaxEmailLength = 254;
    private const int MinPasswordLength = 8;
    // Long enough for passphrases (OWASP: at least 64), short enough that hashing stays bounded.
    private const int MaxPasswordLength = 128;

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder v1)
    {
        // Anonymous: these are how a caller gets, renews and gives up a token (logout takes the refresh token).
        // 503: every one of them needs Redis (tokens, limits) or a free password-hashing slot.
        var auth = v1.MapGroup("/auth").AllowAnonymous().WithTags(ApiTags.Authentication).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapPost("/register", RegisterAsync).WithName("Register").WithSummary("Creates a customer account.")
            .WithDescription("A new customer account; log in afterwards. An email that is taken answers 409; registrations per address are limited (429).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/login", LoginAsync).WithName("Login").WithSummary("Exchanges email and password for an access and a refresh token.")
            .WithDescription("The access token goes in `Authorization: Bearer …`; the refresh token gets a new pair from /auth/refresh. A wrong email or password is one and the same 401; repeated failures lock the account for a while (429 with `Retry-After`).")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/refresh", RefreshAsync).WithName("Refresh").WithSummary("Rotates a refresh token: the old one stops working.")
            .WithDescription("Answers a new access and refresh token. Presenting a refresh token that was already rotated revokes the whole login (a stolen token is detected), and answers 401.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", LogoutAsync).WithName("Logout").WithSummary("Revokes every refresh token of the login.")
            .WithDescription("Takes the refresh token (no access token needed); access tokens already issued stay valid until they expire.");
        return v1;
    }

    private static async Task<Results<Created<RegisterResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request,
        HttpContext http,
        CommerceDbContext db,
        PasswordWork passwords,
        RegistrationThrottle throttle,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var email = NormalizeEmail(request.Email);
        var validation = new Validation()
            .Text(request.Email, "email", MaxEmailLength)
            .Check(request.Email is null || IsEmail(email), "email", "email is not a valid address")
            .Text(request.Password, "password", MaxPasswordLength)
            .Check((request.Password?.Length ?? MinPasswordLength) >= MinPasswordLength, "password", $"password must be at least {MinPasswordLength} characters")
            .Text(request.FullName, "fullName", 200);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        // Before the lookup: a taken email counts against the limit exactly as a new one does.
        if (await throttle.TryAcquireAsync(http, cancellationToken) is { } retryAfter)
        {
            return RateLimits.TooManyRequests(http.Response, retryAfter, "Too many registrations");
        }

        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            FullName = request.FullName!.Trim(),
            PasswordHash = string.Empty,
            Roles = [Roles.Customer],
            CreatedAt = clock.GetUtcNow(),
        };
        // Hashed before the lookup too, so a taken email takes as long to answer as a new one.
        user.PasswordHash = await passwords.HashAsync(user, request.Password!, cancellationToken);
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return EmailTaken();
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two registrations of one email at once: the unique index decides.
            return EmailTaken();
        }

        return TypedResults.Created("/api/v1/users/me", new RegisterResponse(user.Id));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        HttpContext http,
        CommerceDbContext db,
        PasswordWork passwords,
        LoginThrottle throttle,
        AccessTokens accessTokens,
        RefreshTokenStore refreshTokens,
        CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Text(request.Email, "email", MaxEmailLength)
            .Text(request.Password, "password", MaxPasswordLength);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var email = NormalizeEmail(request.Email);
        // Counted in Redis: without it the attempt is a 503 before any hash is spent on it.
        if (await throttle.TryAcquireAsync(email, http, cancellationToken) is { } retryAfter)
        {
            // The same answer for every refusal, whether the account exists or not.
            return RateLimits.TooManyRequests(http.Response, retryAfter, "Too many login attempts");
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (!await passwords.VerifyAsync(user, request.Password!, cancellationToken))
        {
            await throttle.FailedAsync(email, http, cancellationToken);
            // One answer for unknown email and wrong password: nothing tells which accounts exist.
            return TypedResults.Problem(title: "Invalid email or password", statusCode: StatusCodes.Status401Unauthorized);
        }

        await throttle.SucceededAsync(email, cancellationToken);
        var refreshToken = await refreshTokens.StartFamilyAsync(user!.Id, cancellationToken);
        return TypedResults.Ok(Tokens(accessTokens, user, refreshToken));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, CommerceDbContext db, AccessTokens accessTokens, RefreshTokenStore refreshTokens, CancellationToken cancellationToken)
    {
        var validation = new Validation().Text(request.RefreshToken, "refreshToken", RefreshTokenStore.MaxTokenLength);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var rotated = await refreshTokens.RotateAsync(request.RefreshToken!, cancellationToken);
        // Roles are read again, so a role change takes effect at the next refresh.
        var user = rotated is { } r ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == r.UserId, cancellationToken) : null;
        if (user is null)
        {
            return TypedResults.Problem(title: "Invalid refresh token", statusCode: StatusCodes.Status401Unauthorized);
        }

        return TypedResults.Ok(Tokens(accessTokens, user, rotated!.Value.Token));
    }

    private static async Task<Results<NoContent, ValidationProblem>> LogoutAsync(
        RefreshRequest request, RefreshTokenStore refreshTokens, CancellationToken cancellationToken)
    {
        var validation = new Validation().Text(request.RefreshToken, "refreshToken", RefreshTokenStore.MaxTokenLength);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        await refreshTokens.RevokeFamilyAsync(request.RefreshToken!, cancellationToken);
        return TypedResults.NoContent();
    }

    private static TokenResponse Tokens(AccessTokens accessTokens, User user, string refreshToken) =>
        new(accessTokens.Issue(user), refreshToken, (int)accessTokens.Lifetime.TotalSeconds);

    private static ProblemHttpResult EmailTaken() =>
        TypedResults.Problem(title: "Email already registered", statusCode: StatusCodes.Status409Conflict);

    // Stored lower-cased (the users table's rule), so uniqueness and login ignore case.
    private static string NormalizeEmail(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal);
}
