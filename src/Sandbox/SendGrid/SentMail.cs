namespace Commerce.Sandbox.SendGrid;

/// <summary>
/// One accepted message: one per personalization of a send, as SendGrid counts them. The order id,
/// order number and event id are the <c>custom_args</c> the notification sender sets, which SendGrid echoes in its
/// events; the tests count mail per (order, event) by them.
/// </summary>
internal sealed record SentMail(
    string MessageId,
    DateTimeOffset At,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyList<string> Categories)
{
    public string? OrderId => CustomArgs.GetValueOrDefault("order_id");

    public string? OrderNumber => CustomArgs.GetValueOrDefault("order_number");

    public string? EventId => CustomArgs.GetValueOrDefault("event_id");
}
