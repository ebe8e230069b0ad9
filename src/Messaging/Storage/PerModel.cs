using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Commerce.Messaging.Storage;

/// <summary>
/// A value derived from a DbContext's model (SQL text with the model's table and column names),
/// computed once per model instead of once per message. Keyed by the model, not the CLR type, so two
/// contexts with other schemas or naming conventions each get their own; the entry goes with the model.
/// </summary>
internal static class PerModel<TValue>
    where TValue : class
{
    private static readonly ConditionalWeakTable<IModel, TValue> Values = [];

    public static TValue Get(DbContext db, Func<DbContext, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(create);
        return Values.GetValue(db.Model, _ => create(db));
    }
}
