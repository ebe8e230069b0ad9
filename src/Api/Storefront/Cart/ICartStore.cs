namespace Commerce.Api.Storefront.Cart;

/// <summary>The signed-in user's cart (Redis). Checkout without items takes it, then clears it.</summary>
internal interface ICartStore
{
    Task<IReadOnlyList<CartLine>> GetLinesAsync(Guid userId, CancellationToken cancellationToken);

    Task ClearAsync(Guid userId, CancellationToken cancellationToken);
}
