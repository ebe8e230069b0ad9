using System.Data.Common;
using Microsoft.Extensions.Configuration;

namespace Commerce.ServiceDefaults;

/// <summary>
/// The passwords a host reaches PostgreSQL and RabbitMQ with, read from the very settings the
/// persistence and bus options bind, so that the committed local passwords are refused outside
/// Development like every other committed secret (<see cref="DevelopmentSecrets"/>, ADR 0030).
/// </summary>
public sealed class ServiceCredentials
{
    public const string PostgresSetting = "Postgres:ConnectionString";

    public const string RabbitMqSetting = "RabbitMq:Password";

    public const string RabbitMqManagementSetting = "RabbitMq:ManagementPassword";

    // Npgsql's names for the password keyword.
    private static readonly string[] PasswordKeywords = ["Password", "PWD", "PSW"];

    public string? PostgresPassword { get; private set; }

    public string? RabbitMqPassword { get; private set; }

    public string? RabbitMqManagementPassword { get; private set; }

    internal void Read(IConfiguration configuration)
    {
        PostgresPassword = PasswordOf(configuration[PostgresSetting]);
        RabbitMqPassword = configuration[RabbitMqSetting];
        RabbitMqManagementPassword = configuration[RabbitMqManagementSetting];
    }

    /// <summary>The password of a connection string; null when it has none or does not parse (the persistence options report that).</summary>
    public static string? PasswordOf(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return null;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return null;
        }

        return PasswordKeywords.Select(k => builder.TryGetValue(k, out var value) ? value as string : null).FirstOrDefault(v => v is not null);
    }
}
