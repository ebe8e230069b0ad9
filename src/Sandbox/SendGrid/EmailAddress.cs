namespace Commerce.Sandbox.SendGrid;

internal sealed record EmailAddress(string? Email, string? Name);
