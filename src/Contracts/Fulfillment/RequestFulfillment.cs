namespace Commerce.Contracts.Fulfillment;

/// <summary>Hand a confirmed order to the warehouse.</summary>
public record RequestFulfillment(Guid OrderId);
