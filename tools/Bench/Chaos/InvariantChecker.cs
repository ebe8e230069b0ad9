using Commerce.Bench.Load;

namespace Commerce.Bench.Chaos;

/// <summary>
/// The reliability plan's invariants I1–I7 over the run's history and what the stores hold at
/// quiescence; each one counts what was lost, duplicated, stuck or otherwise wrong.
/// </summary>
public static class InvariantChecker
{
    /// <summary>The plan (§3.2) tolerates duplicate emails up to 0.5 % of the emails: one sent just before a kill cannot be recorded.</summary>
    public const double ToleratedDuplicateEmailShare = 0.005;

    /// <summary>Confirmed and not cancelled: the statuses that keep a capture and a unit sold.</summary>
    private static readonly string[] Kept = ["Confirmed", "Shipped", "Delivered"];

    private static readonly Dictionary<string, string[]> ExpectedEmails = new(StringComparer.Ordinal)
    {
        ["Delivered"] = ["confirmed", "shipped", "delivered"],
        ["Rejected"] = ["rejected"],
        ["PaymentFailed"] = ["payment-failed"],
        ["Cancelled"] = ["cancelled"],
    };

    /// <summary>
    /// Checks I1–I7. With <paramref name="draining"/> (the quiescence wait ended with the backlog
    /// still shrinking) what is missing or unfinished counts as still draining, not as a violation
    /// (<see cref="InvariantResult"/>).
    /// </summary>
    public static IReadOnlyList<InvariantResult> Check(IReadOnlyList<HistoryEntry> history, Observed observed, IReadOnlyDictionary<Guid, int> initialStock, bool draining = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(initialStock);
        return
        [
            TerminalOnce(history, observed, draining),
            NoPhantoms(history, observed),
            StockConserved(observed, initialStock, draining),
            PaymentMatchesOutcome(observed, draining),
            OneEmailPerEvent(observed, draining),
            OneFulfilmentPerConfirmedOrder(observed, draining),
            Quiescent(observed, draining),
        ];
    }

    private static InvariantResult TerminalOnce(IReadOnlyList<HistoryEntry> history, Observed observed, bool draining)
    {
        var byId = observed.Orders.ToDictionary(o => o.Id);
        var r = new InvariantResult("I1", "every accepted order reaches exactly one terminal state") { Draining = draining };
        foreach (var entry in history.Where(h => h.Result == CheckoutResult.Accepted))
        {
            if (!byId.TryGetValue(entry.OrderId!.Value, out var order))
            {
                // The Api stores the order before it answers 202: no backlog brings a missing one.
                r.LostForGood($"order {entry.OrderId} (key {entry.Key}) got a 202 but does not exist");
            }
            else if (!Observed.TerminalStatuses.Contains(order.Status))
            {
                r.Stuck($"order {order.Id} still {order.Status}");
            }
            else if (order.TerminalEntries != 1)
            {
                r.Duplicated($"order {order.Id} has {order.TerminalEntries} terminal timeline entries");
            }
        }

        return r;
    }

    private static InvariantResult NoPhantoms(IReadOnlyList<HistoryEntry> history, Observed observed)
    {
        var keys = history.ToDictionary(h => h.Key);
        var r = new InvariantResult("I2", "no phantom orders, at most one order per key");
        foreach (var group in observed.Orders.GroupBy(o => o.IdempotencyKey))
        {
            if (group.Count() > 1)
            {
                r.Duplicated($"key {group.Key} has {group.Count()} orders");
            }

            if (!keys.TryGetValue(group.Key, out var entry))
            {
                r.Other($"order {group.First().Id} has key {group.Key}, which no client sent");
            }
            else if (entry.Result == CheckoutResult.Accepted && entry.OrderId != group.First().Id)
            {
                r.Other($"key {group.Key} answered order {entry.OrderId} but stored {group.First().Id}");
            }
            else if (entry.Result == CheckoutResult.Refused)
            {
                r.Other($"key {group.Key} was refused ({string.Join(", ", entry.Statuses)}) yet order {group.First().Id} exists");
            }
        }

        return r;
    }

    private static InvariantResult StockConserved(Observed observed, IReadOnlyDictionary<Guid, int> initialStock, bool draining)
    {
        var r = new InvariantResult("I3", "available + reserved + sold = initial, available ≥ 0, nothing left reserved") { Draining = draining };
        foreach (var stock in observed.Stock.Where(s => initialStock.ContainsKey(s.ProductId)))
        {
            var total = stock.Available + stock.Reserved + stock.Sold;
            if (total < initialStock[stock.ProductId])
            {
                r.Lost($"product {stock.ProductId}: {total} units accounted for of {initialStock[stock.ProductId]}");
            }
            else if (total > initialStock[stock.ProductId])
            {
                r.Duplicated($"product {stock.ProductId}: {total} units accounted for of {initialStock[stock.ProductId]}");
            }

            if (stock.Available < 0)
            {
                r.Other($"product {stock.ProductId}: available {stock.Available}");
            }

            if (stock.Reserved != 0)
            {
                r.Stuck($"product {stock.ProductId}: {stock.Reserved} still reserved at quiescence");
            }
        }

        var soldByOrders = observed.Orders.Count(o => Kept.Contains(o.Status));
        var sold = observed.Stock.Where(s => initialStock.ContainsKey(s.ProductId)).Sum(s => s.Sold);
        if (sold != soldByOrders)
        {
            r.UnlessDraining(r.Other, $"{sold} units sold but {soldByOrders} orders confirmed and not cancelled (one unit each)");
        }

        return r;
    }

    private static InvariantResult PaymentMatchesOutcome(Observed observed, bool draining)
    {
        var intents = observed.PaymentIntents.Where(p => p.OrderId is not null).ToLookup(p => p.OrderId!);
        var r = new InvariantResult("I4", "captured iff confirmed, at most one PaymentIntent per order, refunds ≤ captures") { Draining = draining };
        foreach (var order in observed.Orders)
        {
            var own = intents[order.Id.ToString()].ToList();
            if (own.Count > 1)
            {
                r.Duplicated($"order {order.Id} has {own.Count} PaymentIntents");
            }

            var net = own.Sum(p => p.AmountReceived - p.AmountRefunded);
            var expected = Kept.Contains(order.Status) ? (long)(order.Total * 100) : 0;
            if (net < expected)
            {
                r.Lost($"order {order.Id} ({order.Status}): net charge {net}, expected {expected}");
            }
            else if (net > expected)
            {
                // While draining, the status may lag a capture whose saga step is queued, or a refund may be on its way.
                r.UnlessDraining(r.Duplicated, $"order {order.Id} ({order.Status}): net charge {net}, expected {expected}");
            }

            if (own.Any(p => p.AmountRefunded > p.AmountReceived))
            {
                r.Other($"order {order.Id}: refunded more than captured");
            }

            if (!order.WasConfirmed && own.Any(p => p.AmountReceived > 0))
            {
                r.UnlessDraining(r.Other, $"order {order.Id} ({order.Status}) was captured without being confirmed");
            }
        }

        return r;
    }

    private static InvariantResult OneEmailPerEvent(Observed observed, bool draining)
    {
        var sent = observed.Mail.Where(m => m.OrderId is not null).ToLookup(m => (m.OrderId!, m.EventType ?? string.Empty));
        var expectedEmails = observed.Orders.Sum(o => ExpectedEmails.GetValueOrDefault(o.Status, []).Length);
        var tolerated = (int)Math.Floor(expectedEmails * ToleratedDuplicateEmailShare);
        var r = new InvariantResult("I5", $"exactly one email per (order, event) (duplicates tolerated up to 0.5 % of {expectedEmails} emails: {tolerated})") { Tolerated = tolerated, Draining = draining };
        foreach (var order in observed.Orders)
        {
            var expected = ExpectedEmails.GetValueOrDefault(order.Status, []);
            foreach (var eventType in expected)
            {
                var count = sent[(order.Id.ToString(), eventType)].Count();
                if (count == 0)
                {
                    r.Lost($"order {order.Id} ({order.Status}): no {eventType} email");
                }
                else if (count > 1)
                {
                    r.Duplicated($"order {order.Id}: {count} {eventType} emails");
                }
            }
        }

        return r;
    }

    private static InvariantResult OneFulfilmentPerConfirmedOrder(Observed observed, bool draining)
    {
        var requests = observed.Fulfillments.ToLookup(f => f.OrderId);
        var r = new InvariantResult("I6", "exactly one warehouse request per shipped or delivered order, none for orders not confirmed") { Draining = draining };
        foreach (var order in observed.Orders)
        {
            var count = requests[order.Id.ToString()].Count();
            // A confirmed order may not have reached the warehouse yet; that is I1's "stuck", not a loss here.
            var expected = order.Status is "Shipped" or "Delivered" ? 1 : 0;
            // While draining, an order's status may lag the saga that already asked the warehouse.
            var unsettled = draining && !Observed.TerminalStatuses.Contains(order.Status);
            var allowed = order.Status == "Confirmed" || unsettled ? 1 : expected;
            if (count < expected)
            {
                r.Lost($"order {order.Id} delivered without a warehouse request");
            }
            else if (count > allowed)
            {
                r.Duplicated($"order {order.Id} ({order.Status}): {count} warehouse requests");
            }
        }

        return r;
    }

    private static InvariantResult Quiescent(Observed observed, bool draining)
    {
        var r = new InvariantResult("I7", "queues empty, _error empty, outbox sent, no timer overdue, no saga left open") { Draining = draining };
        r.StuckIf(observed.QueuedMessages, "messages still queued");
        // Nothing takes a message out of an _error queue by itself: dead letters are lost even while draining.
        r.LostForGoodIf(observed.DeadLetters, "messages in _error queues");
        r.StuckIf(observed.OutboxRows, "bus-outbox rows not sent");
        r.StuckIf(observed.OverdueScheduled, "scheduled messages overdue");
        r.StuckIf(observed.OpenSagas, "sagas not in a terminal state");
        return r;
    }
}
