using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commerce.Persistence.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.HasIndex(p => p.Category);
        builder.Property(p => p.Sku).HasMaxLength(64);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Category).HasMaxLength(100);
        builder.Property(p => p.Price).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();

        // Two admins saving the same product at once must not both write version N+1: the index
        // would keep the first while the table keeps the second.
        builder.Property(p => p.Version).HasDefaultValue(1L).IsConcurrencyToken();
        builder.Property(p => p.IndexedVersion).HasDefaultValue(0L);

        // Stored as jsonb through System.Text.Json: Npgsql's dynamic-JSON mapping is opt-in and
        // a converter keeps the column shape under our control.
        builder.Property(p => p.Attributes)
            .HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    v => new Dictionary<string, string>(v)));

        // The database, not the code, guards stock: no update can drive a counter below zero.
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_products_available_non_negative", "available >= 0");
            t.HasCheckConstraint("ck_products_reserved_non_negative", "reserved >= 0");
            t.HasCheckConstraint("ck_products_sold_non_negative", "sold >= 0");
            t.HasCheckConstraint("ck_products_price_non_negative", "price >= 0");
        });

        builder.HasGeneratedTsVectorColumn(p => p.SearchVector, "english", p => new { p.Name, p.Description, p.Category })
            .HasIndex(p => p.SearchVector)
            .HasMethod("GIN");
    }
}
