namespace Commerce.LocalSystem;

/// <summary>The PostgreSQL cluster on this machine through its Debian control commands.</summary>
public static class LocalPostgres
{
    /// <summary><c>pg_ctlcluster … restart -m immediate</c>: PostgreSQL crashes (no checkpoint) and recovers from its WAL.</summary>
    public static async Task RestartImmediateAsync(CancellationToken cancellationToken)
    {
        var clusters = await PrivilegedCommand.RunAsync("pg_lsclusters", ["-h"], cancellationToken);
        var version = clusters.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? throw new InvalidOperationException("no PostgreSQL cluster found");
        await PrivilegedCommand.RunAsync("pg_ctlcluster", [version, "main", "restart", "-m", "immediate"], cancellationToken);
    }

    /// <summary>
    /// Creates an extension in a database as the postgres superuser, for extensions the database's
    /// owner may not create (pg_stat_statements is not a trusted one). Best effort: where PostgreSQL
    /// is not local or the extension is missing, the figures that need it are reported as n/a.
    /// </summary>
    public static async Task TryCreateExtensionAsync(string database, string extension, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsSuperuserAsync(database, $"CREATE EXTENSION IF NOT EXISTS {extension}", cancellationToken, allowFailure: true);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No runuser or sudo on this machine.
        }
    }

    /// <summary>Runs one statement in <paramref name="database"/> as the postgres superuser (<c>runuser … psql</c>), for what the application role may not do.</summary>
    public static Task<string> RunAsSuperuserAsync(string database, string statement, CancellationToken cancellationToken, bool allowFailure = false) =>
        PrivilegedCommand.RunAsync("runuser", ["-u", "postgres", "--", "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", statement], cancellationToken, allowFailure);
}
