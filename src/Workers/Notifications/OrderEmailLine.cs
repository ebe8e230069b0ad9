namespace Commerce.Workers.Notifications;

public sealed record OrderEmailLine(string Name, int Quantity, decimal UnitPrice, decimal LineTotal);
