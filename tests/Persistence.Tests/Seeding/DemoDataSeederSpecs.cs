using System.Buffers.Binary;
using Commerce.Persistence.Seeding;
using Commerce.Persistence.Tests.Support;
using Commerce.Persistence.Users;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Persistence.Tests.Seeding;

[TestFixture]
public sealed class DemoDataSeederSpecs() : DatabaseFixture("seeding")
{
    private async Task<SeedResult> SeedAsync()
    {
        await using var db = Database.CreateContext();
        return await new DemoDataSeeder(db, new UserPasswordHasher(), TimeProvider.System).SeedAsync(CancellationToken.None);
    }

    [Test, Order(1)]
    public async Task Seeds_the_catalog_and_accounts_of_the_API_contract()
    {
        var result = await SeedAsync();

        await using var db = Database.CreateContext();
        var categories = await db.Products.Select(p => p.Category).Distinct().CountAsync();
        var inStock = await db.Products.CountAsync(p => p.Available > 0);
        var admin = await db.Users.SingleAsync(u => u.Email == DemoDataSeeder.AdminEmail);
        var customer = await db.Users.SingleAsync(u => u.Email == DemoDataSeeder.CustomerEmail);
        var hasher = new UserPasswordHasher();
        Assert.Multiple(() =>
        {
            Assert.That(result.ProductsAdded, Is.GreaterThanOrEqualTo(50));
            Assert.That(categories, Is.GreaterThanOrEqualTo(4));
            Assert.That(inStock, Is.EqualTo(result.ProductsAdded));
            Assert.That(admin.Roles, Does.Contain(Roles.Admin));
            Assert.That(customer.Roles, Is.EqualTo(new[] { Roles.Customer }));
            Assert.That(hasher.Verify(customer, DemoDataSeeder.CustomerPassword), Is.True);
            Assert.That(hasher.Verify(customer, DemoDataSeeder.AdminPassword), Is.False);
        });
    }

    [Test, Order(2)]
    public async Task Seeding_again_adds_nothing()
    {
        await using var before = Database.CreateContext();
        var products = await before.Products.CountAsync();

        var result = await SeedAsync();

        await using var after = Database.CreateContext();
        Assert.Multiple(async () =>
        {
            Assert.That(result, Is.EqualTo(new SeedResult(0, 0)));
            Assert.That(await after.Products.CountAsync(), Is.EqualTo(products));
        });
    }

    [Test]
    public void Password_hashes_use_PBKDF2_at_600000_iterations()
    {
        var user = new User { Email = "a@example.com", FullName = "A", PasswordHash = "" };
        var hash = Convert.FromBase64String(new UserPasswordHasher().Hash(user, "correct horse"));

        // Identity V3 layout: marker 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.
        Assert.Multiple(() =>
        {
            Assert.That(hash[0], Is.EqualTo(0x01));
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)), Is.EqualTo(600_000));
        });
    }
}
