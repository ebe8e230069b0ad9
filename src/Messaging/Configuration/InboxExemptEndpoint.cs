namespace Commerce.Messaging.Configuration;

/// <summary>
/// A receive endpoint <see cref="PostgresMessagingRegistrationExtensions.AddPostgresOutbox{TDbContext}"/>
/// leaves without the inbox and outbox: its consumer is idempotent on its own and sends nothing
/// (the search indexer, whose writes carry external versions). Batch consumers need it: MassTransit's
/// outbox middleware wraps one message per consume, not a batch. Register as a singleton.
/// </summary>
public sealed record InboxExemptEndpoint(string Name);
