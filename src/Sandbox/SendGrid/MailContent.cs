namespace Commerce.Sandbox.SendGrid;

internal sealed record MailContent(string? Type, string? Value);
