using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.Messaging;

/// <summary>
/// Which database failures are worth an immediate retry, by SQLSTATE rather than message text
/// (MassTransit's own EF integration matches on text; see masstransit-on-postgres.md §6).
/// </summary>
public static class PostgresErrors
{
    private static readonly HashSet<string> Transient =
    [
        PostgresErrorCodes.UniqueViolation,        // two "initial" events raced to insert the same saga or inbox row
        PostgresErrorCodes.SerializationFailure,   // 40001
        PostgresErrorCodes.DeadlockDetected,       // 40P01
        PostgresErrorCodes.LockNotAvailable,
        PostgresErrorCodes.AdminShutdown,          // the server restarted under us
        PostgresErrorCodes.CannotConnectNow,
    ];

    public static bool IsTransient(Exception exception) => ExceptionChain.Unwrap(exception) switch
    {
        PostgresException pg => Transient.Contains(pg.SqlState),
        NpgsqlException { IsTransient: true } => true,
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
