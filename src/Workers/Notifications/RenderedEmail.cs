namespace Commerce.Workers.Notifications;

/// <summary>A rendered email: the subject and both bodies.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);
