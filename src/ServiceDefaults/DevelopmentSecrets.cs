namespace Commerce.ServiceDefaults;

/// <summary>
/// Every secret-like value committed to the repository (the Development settings, infra/env/local.env,
/// docker-compose.yml), in one place: anyone with the repository knows them, so outside Development
/// no host accepts one where a secret belongs (<see cref="CommittedSecretsValidator{TOptions}"/>).
/// The repository scan (Docs.Tests, CommittedConfigSecretSpecs) fails on a committed secret-looking
/// value that is not listed here, so a new one cannot slip into a file unnoticed.
/// </summary>
public static class DevelopmentSecrets
{
    /// <summary><c>Jwt:SigningKey</c> of src/Api/appsettings.Development.json: base64 of 32 bytes, as production's must be.</summary>
    public const string JwtSigningKey = "sL+TenGNYA/IToN6yVRGgTdZWSR8qkcU5tKJH4cnlQc=";

    /// <summary><c>Warehouse:WebhookSecrets</c> of the Api's Development settings and the sandbox's default.</summary>
    public const string WarehouseWebhookSecret = "whsec-sandbox-local-dev-only";

    /// <summary><c>Stripe:ApiKey</c> of the Workers' Development settings: test mode, the only kind the sandbox takes.</summary>
    public const string StripeApiKey = "rk_test_sandbox_local_dev_only";

    /// <summary><c>SendGrid:ApiKey</c> of the Workers' Development settings.</summary>
    public const string SendGridApiKey = "sandbox-local-dev-only";

    /// <summary>
    /// The password of the local services' <c>commerce</c> role and broker user (local.env,
    /// infra/postgres/init.sql, infra/rabbitmq/definitions.json). Hosts run outside Development on this
    /// machine (the bench) get a role and broker users of their own instead (LocalSystem's RunCredentials).
    /// </summary>
    public const string LocalServicesPassword = "commerce";

    /// <summary>The local broker's operations user's password (local.env, the Api's Development settings, definitions.json; ADR 0033).</summary>
    public const string LocalOperationsPassword = "commerce-ops";

    /// <summary>The local-only broker administrator's password (local.env); no host reads it.</summary>
    public const string LocalAdministratorPassword = "commerce-admin";

    /// <summary>Every secret-like value a committed configuration file may hold; a host refuses each outside Development.</summary>
    public static IReadOnlySet<string> Committed { get; } = new HashSet<string>(
        [JwtSigningKey, WarehouseWebhookSecret, StripeApiKey, SendGridApiKey, LocalServicesPassword, LocalOperationsPassword, LocalAdministratorPassword],
        StringComparer.Ordinal);

    /// <summary>Whether <paramref name="value"/> is one of the committed secrets a host refuses (surrounding white space ignored).</summary>
    public static bool IsRefused(string? value) => value is not null && Committed.Contains(value.Trim());
}
