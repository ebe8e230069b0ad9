namespace Commerce.Bench.Baseline;

// The checkout saga's shape with nothing behind it: submit, reserve, charge, confirmed.
public sealed record BaselineOrderSubmitted(Guid OrderId);

public sealed record BaselineReserveStock(Guid OrderId);

public sealed record BaselineStockReserved(Guid OrderId);

public sealed record BaselineChargeCard(Guid OrderId);

public sealed record BaselineCardCharged(Guid OrderId);

public sealed record BaselineOrderConfirmed(Guid OrderId);
