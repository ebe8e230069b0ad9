namespace Commerce.Persistence.Users;

public static class Roles
{
    public const string Customer = "customer";
    public const string Admin = "admin";
}
