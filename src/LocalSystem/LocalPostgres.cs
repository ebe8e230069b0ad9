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
            await PrivilegedCommand.RunAsync("runuser", ["-u", "postgres", "--", "psql", "-q", "-d", database, "-c", $"CREATE EXTENSION IF NOT EXISTS {extension}"], cancellationToken, allowFailure: true);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No runuser or sudo on this machine.
        }
    }
}
