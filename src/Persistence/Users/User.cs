namespace Commerce.Persistence.Users;

public class User
{
    public Guid Id { get; set; }

    /// <summary>Always stored lower-cased, so uniqueness is case-insensitive.</summary>
    public required string Email { get; set; }

    public required string FullName { get; set; }

    public required string PasswordHash { get; set; }

    public string[] Roles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
