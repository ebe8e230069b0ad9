using Commerce.Persistence.Catalog;
using Commerce.Persistence.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.Persistence.Tests.Schema;

[TestFixture]
public sealed class SchemaSpecs() : DatabaseFixture("schema")
{
    [Test]
    public async Task Migrations_leave_nothing_pending_and_name_everything_in_snake_case()
    {
        await using var db = Database.CreateContext();
        var pending = await db.Database.GetPendingMigrationsAsync();
        var columns = await db.Database
            .SqlQueryRaw<string>("SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'products'")
            .ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.Empty);
            // A model change without its migration (the snapshot says what the migrations build).
            Assert.That(db.Database.HasPendingModelChanges(), Is.False, "the model differs from the last migration's snapshot");
            Assert.That(columns, Is.SupersetOf(new[] { "id", "sku", "available", "reserved", "sold", "search_vector", "created_at" }));
            Assert.That(columns, Has.None.Match("[A-Z]"));
        });
    }

    [Test]
    public async Task The_database_refuses_negative_stock()
    {
        await using var db = Database.CreateContext();
        var product = new Product { Id = Guid.CreateVersion7(), Sku = "NEG-1", Name = "n", Category = "c", Available = 1 };
        db.Products.Add(product);
        await db.SaveChangesAsync();

        var error = Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE products SET available = available - 2 WHERE id = {product.Id}"));

        Assert.That(error!.ConstraintName, Is.EqualTo("ck_products_available_non_negative"));
    }
}
