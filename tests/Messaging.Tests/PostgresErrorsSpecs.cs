using MassTransit;
using Npgsql;

namespace Commerce.Messaging.Tests;

/// <summary>Which failures the endpoints retry at once: by cause, however MassTransit wrapped it.</summary>
[TestFixture]
public sealed class PostgresErrorsSpecs
{
    /// <summary>The shape the chaos run met: PostgreSQL restarted under a saga activity's UPDATE.</summary>
    private static EventExecutionException LostConnectionInSagaActivity() =>
        new EventExecutionException("The Delivered<ShipmentDelivered> (Event) execution faulted",
            new EventExecutionException("The Delivered<ShipmentDelivered> (Event) execution faulted",
                new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
                    new NpgsqlException("Exception while reading from stream", new EndOfStreamException()))));

    [Test]
    public void A_lost_connection_inside_a_saga_activity_is_transient() =>
        Assert.That(PostgresErrors.IsTransient(LostConnectionInSagaActivity()), Is.True);

    [Test]
    public void A_saga_activity_failing_for_another_reason_is_not() =>
        Assert.That(PostgresErrors.IsTransient(new EventExecutionException("faulted", new ArgumentException("bad data"))), Is.False);
}
