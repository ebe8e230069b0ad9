using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Commerce.Persistence.Configuration;

/// <summary>
/// The PostgreSQL connection. The pool is sized per process so that the Api and two Workers
/// stay inside PostgreSQL's default 100 connections (docs/adr/0002).
/// </summary>
public sealed class PostgresOptions : IValidatableObject
{
    public const string SectionName = "Postgres";

    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    [Range(1, 90)]
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>
    /// Seconds to wait for a connection (from the pool, or a new one). Short for the Api, so a client
    /// gets its 503 quickly; the Workers wait longer, since a consumer that gives up only retries.
    /// </summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 3;

    /// <summary>The connection string with this process's pool size and connect timeout applied.</summary>
    public string EffectiveConnectionString() => new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        MaxPoolSize = MaxPoolSize,
        Timeout = TimeoutSeconds,
        // No session state is ever set on a connection (no SET, no temp tables, no LISTEN), so the
        // DISCARD ALL round trip Npgsql sends when one goes back to the pool is pure cost, and it
        // would throw away the prepared statements below.
        NoResetOnClose = true,
        // An order runs about 250 statements of a few dozen shapes (inbox, outbox, saga, projection):
        // preparing the repeated ones spares PostgreSQL parsing and planning them every time.
        MaxAutoPrepare = 64,
        AutoPrepareMinUsages = 2,
    }.ConnectionString;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"Postgres:ConnectionString is not a valid connection string ({problem})", [nameof(ConnectionString)]);
        }
    }
}
