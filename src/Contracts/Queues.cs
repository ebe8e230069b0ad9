namespace Commerce.Contracts;

/// <summary>
/// The queue each command is sent to, named as the RabbitMQ UI shows it: the one list the senders
/// (the Api, the saga's routes) and the Workers' receive endpoints are both built from.
/// </summary>
public static class Queues
{
    /// <summary>The checkout saga's queue: <c>SubmitOrder</c>, <c>CancelOrder</c> and every reply.</summary>
    public const string OrderSaga = "order-state";

    /// <summary>The send address of <see cref="OrderSaga"/>.</summary>
    public static readonly Uri OrderSagaAddress = Address(OrderSaga);

    public const string ReserveInventory = "reserve-inventory";

    public const string ReleaseInventory = "release-inventory";

    public const string CommitInventory = "commit-inventory";

    public const string ChargePayment = "charge-payment";

    public const string RefundPayment = "refund-payment";

    public const string SendNotification = "send-notification";

    public const string RequestFulfillment = "request-fulfillment";

    /// <summary>Catalog changes into the Elasticsearch index (only when that backend is configured).</summary>
    public const string IndexProduct = "index-product";

    /// <summary>The send address of a queue (MassTransit's short <c>queue:</c> form).</summary>
    public static Uri Address(string queue) => new($"queue:{queue}");
}
