namespace Commerce.Persistence.Orders;

/// <summary>
/// The PostgreSQL notification channel on which every change of an order's status version is
/// announced (by a trigger on <c>orders</c>, on commit), with the order id as its payload.
/// </summary>
public static class OrderStatusNotifications
{
    public const string Channel = "order_status";
}
