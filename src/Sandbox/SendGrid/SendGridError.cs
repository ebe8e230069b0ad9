namespace Commerce.Sandbox.SendGrid;

internal sealed record SendGridError(string Message, string? Field = null, string? Help = null);
