using NpgsqlTypes;

namespace Commerce.Persistence.Catalog;

/// <summary>
/// A sellable item and its stock. Stock is held in three counters so that
/// <c>available + reserved + sold</c> stays equal to what was ever put on the shelf.
/// </summary>
public class Product
{
    public Guid Id { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = string.Empty;

    public required string Category { get; set; }

    public decimal Price { get; set; }

    public string Currency { get; set; } = "USD";

    public Dictionary<string, string> Attributes { get; set; } = [];

    public int Available { get; set; }

    public int Reserved { get; set; }

    public int Sold { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Incremented by every catalog change (details, stock set by an admin, the delete's tombstone
    /// takes the next one). The search index stores it as the document's external version, so an
    /// older change arriving late can never overwrite a newer one (docs/adr/0040). Reservations by
    /// the Workers do not change it: search results read stock from this table.
    /// </summary>
    public long Version { get; set; } = 1;

    /// <summary>The highest <see cref="Version"/> the search indexer has written; behind <see cref="Version"/> means not yet searchable there.</summary>
    public long IndexedVersion { get; set; }

    /// <summary>Maintained by PostgreSQL (a stored generated column); never written by the code.</summary>
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}
