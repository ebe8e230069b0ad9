namespace Commerce.Search.Tests.Support;

/// <summary>The products the recordings name, by the same ids.</summary>
public static class TestProducts
{
    public static readonly Guid ShoeId = Guid.Parse("0b6f1c2e-5a43-4c1e-9d0a-3f7e2b1a0001");
    public static readonly Guid GoneId = Guid.Parse("0b6f1c2e-5a43-4c1e-9d0a-3f7e2b1a0002");
    public static readonly Guid SockId = Guid.Parse("0b6f1c2e-5a43-4c1e-9d0a-3f7e2b1a0003");

    public static ProductDocument Shoe(long version = 7) =>
        new(ShoeId, "SHOE-001", "Trail Running Shoe", "Light shoe for rough paths", "Footwear", 89.99m, "EUR", version, Deleted: false);

    public static ProductDocument Gone(long version = 12) => new(GoneId, "GONE-002", "Secret Winter Collection", "Secret Winter Collection", "Footwear", 30m, "EUR", version, Deleted: false);

    public static ProductDocument Sock(long version = 3) =>
        new(SockId, "SOCK-003", "Wool Sock", "Warm sock for hiking", "Socks", 12.5m, "EUR", version, Deleted: false);
}
