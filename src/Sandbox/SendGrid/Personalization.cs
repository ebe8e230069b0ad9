namespace Commerce.Sandbox.SendGrid;

internal sealed record Personalization(
    IReadOnlyList<EmailAddress>? To,
    IReadOnlyList<EmailAddress>? Cc,
    IReadOnlyList<EmailAddress>? Bcc,
    string? Subject,
    IReadOnlyDictionary<string, string>? CustomArgs);
