namespace Commerce.Workers.Integrations;

/// <summary>A request to a host other than the configured one: a bug or an attack, never retried.</summary>
public sealed class DisallowedHostException(string message) : InvalidOperationException(message);
