using Microsoft.Extensions.Options;

namespace Commerce.Sandbox.Warehouse;

/// <summary>Holds the current <see cref="WarehouseConfig"/>; a change swaps the whole record, so a reader never sees half of one.</summary>
internal sealed class WarehouseSettings(IOptions<WarehouseOptions> options)
{
    private readonly WarehouseConfig _initial = new(
        options.Value.DispatchAfter, options.Value.DeliverAfter, options.Value.WebhookUrl, options.Value.WebhookSecret, WebhookCopies: 1);

    private readonly Lock _writer = new();
    private WarehouseConfig? _current;

    public WarehouseConfig Current => Volatile.Read(ref _current) ?? _initial;

    /// <summary>Applies a change to the settings as they are at that moment; concurrent changes do not overwrite each other.</summary>
    public WarehouseConfig Change(Func<WarehouseConfig, WarehouseConfig> change)
    {
        lock (_writer)
        {
            var changed = change(Current);
            Volatile.Write(ref _current, changed);
            return changed;
        }
    }
}
