using System.Security.Cryptography;
using Npgsql;

namespace Commerce.LocalSystem;

/// <summary>
/// Credentials of their own for hosts run outside Development against the local services, since
/// such a host refuses the committed local passwords (ADR 0030): a PostgreSQL login role that is a
/// member of the application role, a broker user with rights on one virtual host only, and an
/// operations user (management tag) there. The passwords are random, made for this run, live only
/// in the children's environment, and the role and users are dropped with the run.
/// </summary>
public sealed class RunCredentials : IAsyncDisposable
{
    private RunCredentials(string name)
    {
        Username = name;
        OperationsUsername = $"{name}-ops";
    }

    /// <summary>The PostgreSQL role and the broker user of the hosts.</summary>
    public string Username { get; }

    public string Password { get; } = NewPassword();

    public string OperationsUsername { get; }

    public string OperationsPassword { get; } = NewPassword();

    /// <summary>Creates the role and the users for the hosts of a run on <paramref name="virtualHost"/>.</summary>
    public static async Task<RunCredentials> CreateAsync(string name, string virtualHost, CancellationToken cancellationToken)
    {
        var services = LocalServices.Current;
        var credentials = new RunCredentials(name);
        var applicationRole = new NpgsqlConnectionStringBuilder(services.PostgresConnectionString).Username;
        // Only a superuser (or CREATEROLE, which the application role has not) makes roles. The password
        // is on psql's command line for an instant: it is this run's own, on this machine only.
        await LocalPostgres.RunAsSuperuserAsync("postgres", $"CREATE ROLE \"{name}\" LOGIN PASSWORD '{credentials.Password}' IN ROLE \"{applicationRole}\"", cancellationToken);
        try
        {
            using var administrator = services.CreateAdministratorClient();
            await administrator.PutUserAsync(credentials.Username, credentials.Password, tags: "", cancellationToken);
            await administrator.PutUserAsync(credentials.OperationsUsername, credentials.OperationsPassword, tags: "management", cancellationToken);
            await administrator.GrantAsync(virtualHost, credentials.Username, cancellationToken);
            await administrator.GrantAsync(virtualHost, credentials.OperationsUsername, cancellationToken);
        }
        catch
        {
            await credentials.DisposeAsync();
            throw;
        }

        return credentials;
    }

    /// <summary>A host's settings (configuration keys) with this run's role and users in place of the committed ones.</summary>
    internal void ApplyTo(Dictionary<string, string> settings)
    {
        settings["Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(settings["Postgres:ConnectionString"])
        {
            Username = Username,
            Password = Password,
        }.ConnectionString;
        settings["RabbitMq:Username"] = Username;
        settings["RabbitMq:Password"] = Password;
        settings["RabbitMq:ManagementUsername"] = OperationsUsername;
        settings["RabbitMq:ManagementPassword"] = OperationsPassword;
    }

    public async ValueTask DisposeAsync()
    {
        using (var administrator = LocalServices.Current.CreateAdministratorClient())
        {
            await administrator.DeleteUserAsync(Username, CancellationToken.None);
            await administrator.DeleteUserAsync(OperationsUsername, CancellationToken.None);
        }

        await LocalPostgres.RunAsSuperuserAsync("postgres", $"DROP ROLE IF EXISTS \"{Username}\"", CancellationToken.None, allowFailure: true);
    }

    private static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
