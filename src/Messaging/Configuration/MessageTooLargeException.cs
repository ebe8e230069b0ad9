namespace Commerce.Messaging.Configuration;

/// <summary>A message over <see cref="RabbitMqOptions.MaxMessageBytes"/>: never retried, it goes to <c>_error</c>.</summary>
public sealed class MessageTooLargeException(string message) : Exception(message);
