namespace Commerce.Messaging.Outbox;

/// <summary>
/// Marks a consumer that writes nothing to the database but the messages it sends, and whose other
/// work is safe to repeat (a provider call under an idempotency key). On a first delivery it runs
/// before the step's transaction opens, so a slow provider holds no connection and no lock; the
/// inbox claim, the messages it sent and the commit then follow in one transaction. A copy that
/// finds the message claimed by another has repeated the call, and drops what it sent.
/// </summary>
public interface IConsumesOutsideTransaction;
