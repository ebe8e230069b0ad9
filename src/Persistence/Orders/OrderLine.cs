namespace Commerce.Persistence.Orders;

public class OrderLine
{
    public Guid OrderId { get; set; }

    public int LineNumber { get; set; }

    public Guid ProductId { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public int Quantity { get; set; }

    /// <summary>The catalog price when the order was placed, never the client's.</summary>
    public decimal UnitPrice { get; set; }

    public decimal LineTotal { get; set; }
}
