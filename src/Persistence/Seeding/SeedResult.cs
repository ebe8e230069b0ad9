namespace Commerce.Persistence.Seeding;

public sealed record SeedResult(int ProductsAdded, int UsersAdded);
