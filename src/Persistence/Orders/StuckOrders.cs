using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Persistence.Orders;

/// <summary>
/// The one query of stuck orders, for the admin route, the CLI and the Workers' gauge: orders whose
/// saga is in none of <see cref="OrderState.TerminalStates"/> (or never started, while the order's
/// status is not terminal) and whose last status change is older than a threshold.
/// </summary>
public static class StuckOrders
{
    /// <summary>The state reported for an order whose saga instance does not exist (its <c>SubmitOrder</c> was never consumed).</summary>
    public const string NotStarted = "NotStarted";

    public const int MaxLimit = 1000;

    /// <summary>The longest age a caller may ask for.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(365);

    public static IServiceCollection AddStuckOrderOptions(this IServiceCollection services)
    {
        services.AddOptions<StuckOrderOptions>()
            .BindConfiguration(StuckOrderOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>Stuck orders, the longest-stuck first.</summary>
    public static async Task<IReadOnlyList<StuckOrder>> ListAsync(CommerceDbContext db, TimeSpan olderThan, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await Query(db, now - olderThan)
            .OrderBy(r => r.Order.UpdatedAt)
            .ThenBy(r => r.Order.Id)
            .Take(limit)
            .Select(r => new
            {
                r.Order.Id,
                State = r.Saga == null ? NotStarted : r.Saga.CurrentState,
                r.Order.Status,
                r.Order.UpdatedAt,
                r.Order.CustomerId,
                r.Order.Total,
                r.Order.Currency,
            })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StuckOrder(r.Id, r.State, r.Status, r.UpdatedAt, Math.Round((now - r.UpdatedAt).TotalSeconds, 1), r.CustomerId, r.Total, r.Currency))];
    }

    public static Task<int> CountAsync(CommerceDbContext db, TimeSpan olderThan, DateTimeOffset now, CancellationToken cancellationToken) =>
        Query(db, now - olderThan).CountAsync(cancellationToken);

    /// <summary>
    /// An age as the route and the CLI take it: whole seconds (<c>900</c>), a number with a unit
    /// (<c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>) or a TimeSpan (<c>00:15:00</c>); above zero, at most <see cref="MaxAge"/>.
    /// </summary>
    public static bool TryParseAge(string? text, out TimeSpan age) => AgeProblem(text, out age) is null;

    /// <summary>
    /// Why <paramref name="text"/> is not an age <see cref="TryParseAge"/> takes, as the end of a
    /// sentence about the value ("is not an age …", "must be positive", "must be at most 365d"), or
    /// null when it is one.
    /// </summary>
    public static string? AgeProblem(string? text, out TimeSpan age)
    {
        if (!TryParseDuration(text, out age))
        {
            return "is not an age such as 900, 15m, 2h, 1d or 00:15:00";
        }

        if (age <= TimeSpan.Zero)
        {
            return "must be positive";
        }

        return age <= MaxAge ? null : $"must be at most {MaxAge.TotalDays:0}d";
    }

    /// <summary>The syntax of an age, any sign and size (<see cref="AgeProblem"/> bounds it).</summary>
    private static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            return false;
        }

        var unit = value[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => (TimeSpan?)null,
        };
        var number = unit is null ? value : value[..^1];
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            // Beyond TimeSpan's range (99999999999d) it is still a number, only too large.
            var seconds = count * (unit ?? TimeSpan.FromSeconds(1)).TotalSeconds;
            if (!double.IsFinite(seconds))
            {
                return false;
            }

            duration = TimeSpan.FromSeconds(Math.Clamp(seconds, -MaxAge.TotalSeconds * 2, MaxAge.TotalSeconds * 2));
            return true;
        }

        return unit is null && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration);
    }

    private static IQueryable<OrderWithSaga> Query(CommerceDbContext db, DateTimeOffset changedBefore)
    {
        // Arrays, not sets: Npgsql translates Contains on an array parameter to "= ANY (@p)".
        string[] terminalStates = [.. OrderState.TerminalStates];
        string[] terminalStatuses = [.. OrderStatus.Terminal];
        return from order in db.Orders
               join saga in db.OrderStates on order.Id equals saga.CorrelationId into sagas
               from saga in sagas.DefaultIfEmpty()
               where order.UpdatedAt < changedBefore
                     && (saga == null ? !terminalStatuses.Contains(order.Status) : !terminalStates.Contains(saga.CurrentState))
               select new OrderWithSaga { Order = order, Saga = saga };
    }

    private sealed class OrderWithSaga
    {
        public required Order Order { get; init; }

        public OrderState? Saga { get; init; }
    }
}
