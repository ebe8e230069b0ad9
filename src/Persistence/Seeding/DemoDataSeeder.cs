using Commerce.Persistence.Catalog;
using Commerce.Persistence.Users;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Persistence.Seeding;

/// <summary>
/// Seeds the demo catalog and the two demo accounts of the API contract. Idempotent: rows that
/// already exist (by SKU or email) are left as they are, so running it twice changes nothing.
/// </summary>
public sealed class DemoDataSeeder(CommerceDbContext db, UserPasswordHasher hasher, TimeProvider clock)
{
    public const string CustomerEmail = "customer@example.com";
    public const string CustomerPassword = "Customer123!";
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin123!";
    public const int StockPerProduct = 100;

    public async Task<SeedResult> SeedAsync(CancellationToken cancellationToken)
    {
        var products = await SeedProductsAsync(cancellationToken);
        var users = await SeedUsersAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new SeedResult(products, users);
    }

    private async Task<int> SeedProductsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Products.Select(p => p.Sku).ToHashSetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var (category, items) in DemoCatalog.Categories)
        {
            for (var i = 0; i < items.Length; i++)
            {
                var sku = $"{category[..3].ToUpperInvariant()}-{i + 1:D3}";
                if (existing.Contains(sku))
                {
                    continue;
                }

                db.Products.Add(new Product
                {
                    Id = Guid.CreateVersion7(),
                    Sku = sku,
                    Name = items[i].Name,
                    Description = $"{items[i].Name} from the {category} range of the demo catalog.",
                    Category = category,
                    Price = items[i].Price,
                    Attributes = new() { ["brand"] = "Demo", ["range"] = category },
                    Available = StockPerProduct,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                added++;
            }
        }

        return added;
    }

    private async Task<int> SeedUsersAsync(CancellationToken cancellationToken)
    {
        (string Email, string Password, string Name, string[] Roles)[] accounts =
        [
            (CustomerEmail, CustomerPassword, "Demo Customer", [Roles.Customer]),
            (AdminEmail, AdminPassword, "Demo Admin", [Roles.Customer, Roles.Admin]),
        ];
        var added = 0;
        foreach (var account in accounts)
        {
            if (await db.Users.AnyAsync(u => u.Email == account.Email, cancellationToken))
            {
                continue;
            }

            var user = new User
            {
                Id = Guid.CreateVersion7(),
                Email = account.Email,
                FullName = account.Name,
                PasswordHash = string.Empty,
                Roles = account.Roles,
                CreatedAt = clock.GetUtcNow(),
            };
            user.PasswordHash = hasher.Hash(user, account.Password);
            db.Users.Add(user);
            added++;
        }

        return added;
    }
}
