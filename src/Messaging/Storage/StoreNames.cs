using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Commerce.Messaging.Storage;

/// <summary>
/// Quoted table and column names read from a DbContext's model, for the few statements EF cannot
/// express (<c>FOR UPDATE</c>, <c>ON CONFLICT</c>). Read per model, never cached by CLR type, so
/// two contexts with other schemas or naming conventions each get their own names.
/// </summary>
public sealed class StoreNames<TEntity>
    where TEntity : class
{
    private readonly IEntityType _entityType;
    private readonly StoreObjectIdentifier _table;

    public StoreNames(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _entityType = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in {db.GetType().Name}'s model; call modelBuilder.AddMessagingTables() or map the saga.");
        var name = _entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped to a table");
        _table = StoreObjectIdentifier.Table(name, _entityType.GetSchema());
        Table = _table.Schema is null ? Quote(name) : $"{Quote(_table.Schema)}.{Quote(name)}";
    }

    /// <summary>The schema-qualified, quoted table name.</summary>
    public string Table { get; }

    /// <summary>The quoted column name of a property.</summary>
    public string Column<TValue>(Expression<Func<TEntity, TValue>> property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var member = property.Body switch
        {
            MemberExpression m => m,
            UnaryExpression { Operand: MemberExpression m } => m,
            _ => throw new ArgumentException("expected a property access", nameof(property)),
        };
        var column = _entityType.FindProperty(member.Member.Name)?.GetColumnName(_table)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{member.Member.Name} has no column");
        return Quote(column);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
