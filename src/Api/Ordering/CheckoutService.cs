using System.Data;
using System.Security.Cryptography;
using System.Text.Json;
using Commerce.Api.Storefront.Cart;
using Commerce.Contracts;
using Commerce.Contracts.Checkout;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.Api.Ordering;

/// <summary>
/// Accepts an order durably: prices every line from the catalog, stores the order with its
/// Idempotency-Key and the saga's <see cref="SubmitOrder"/> in one transaction (the bus outbox),
/// and returns. It never waits for the saga.
/// </summary>
internal sealed class CheckoutService(CommerceDbContext db, ISendEndpointProvider send, ICartStore cart, TimeProvider clock)
{
    public async Task<CheckoutOutcome> CheckoutAsync(Guid customerId, string idempotencyKey, CheckoutRequest request, CancellationToken cancellationToken)
    {
        var requestHash = Hash(request);
        if (await Existing(customerId, idempotencyKey, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var items = request.Items ?? [.. (await cart.GetLinesAsync(customerId, cancellationToken)).Select(l => new CheckoutItem(l.ProductId, l.Quantity))];
        if (items.Count == 0)
        {
            return new CheckoutOutcome.Invalid(new() { ["items"] = ["The cart is empty."] });
        }

        var productIds = items.Select(i => i.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var unknown = productIds.Where(id => !products.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            return new CheckoutOutcome.Invalid(new() { ["items"] = [$"Unknown product(s): {string.Join(", ", unknown)}"] });
        }

        var customer = await db.Users.AsNoTracking().SingleAsync(u => u.Id == customerId, cancellationToken);
        var now = clock.GetUtcNow();
        var order = new Order
        {
            Id = NewId.NextSequentialGuid(),
            CustomerId = customerId,
            CustomerEmail = customer.Email,
            CustomerName = customer.FullName,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            PaymentMethod = request.PaymentMethod,
            ShippingAddress = new ShippingAddress
            {
                Name = request.ShippingAddress.Name,
                Line1 = request.ShippingAddress.Line1,
                Line2 = request.ShippingAddress.Line2,
                City = request.ShippingAddress.City,
                PostalCode = request.ShippingAddress.PostalCode,
                Country = request.ShippingAddress.Country,
            },
            CreatedAt = now,
            UpdatedAt = now,
            Lines = [.. items.Select((item, i) => new OrderLine
            {
                LineNumber = i + 1,
                ProductId = item.ProductId,
                Sku = products[item.ProductId].Sku,
                Name = products[item.ProductId].Name,
                Quantity = item.Quantity,
                UnitPrice = products[item.ProductId].Price,
                LineTotal = products[item.ProductId].Price * item.Quantity,
            })],
            Timeline = [new OrderTimelineEntry { Status = OrderStatus.Submitted, At = now, Version = 0 }],
        };
        order.Total = order.Lines.Sum(l => l.LineTotal);

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            db.Orders.Add(order);
            var saga = await send.GetSendEndpoint(Queues.OrderSagaAddress);
            await saga.Send(new SubmitOrder(order.Id, customerId, customer.Email, order.Total, order.Currency, order.PaymentMethod, now), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same key raced in from another request: answer as that one was answered.
            db.ChangeTracker.Clear();
            return await Existing(customerId, idempotencyKey, requestHash, cancellationToken)
                ?? throw new InvalidOperationException("An order with this key exists but could not be read", e);
        }

        if (request.Items is null)
        {
            await cart.ClearAsync(customerId, cancellationToken);
        }

        return new CheckoutOutcome.Accepted(order.Id);
    }

    private async Task<CheckoutOutcome?> Existing(Guid customerId, string idempotencyKey, string requestHash, CancellationToken cancellationToken)
    {
        var existing = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customerId && o.IdempotencyKey == idempotencyKey)
            .Select(o => new { o.Id, o.RequestHash })
            .SingleOrDefaultAsync(cancellationToken);
        return existing switch
        {
            null => null,
            _ when existing.RequestHash == requestHash => new CheckoutOutcome.Accepted(existing.Id),
            _ => new CheckoutOutcome.KeyReused(),
        };
    }

    /// <summary>The request as parsed (so whitespace and member order do not matter), hashed.</summary>
    private static string Hash(CheckoutRequest request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web)));
}
