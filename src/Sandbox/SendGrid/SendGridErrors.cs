namespace Commerce.Sandbox.SendGrid;

/// <summary>SendGrid's error envelope: <c>{"errors": [{"message", "field", "help"}]}</c>.</summary>
internal sealed record SendGridErrors(IReadOnlyList<SendGridError> Errors);
