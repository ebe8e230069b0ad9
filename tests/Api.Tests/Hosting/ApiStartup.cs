using System.Security.Cryptography;
using System.Text.Json;
using Commerce.LocalSystem;

namespace Commerce.Api.Tests.Hosting;

/// <summary>
/// The real Api process started in Production against the local services and run until it exits:
/// the start-up checks as an operator meets them. Production, so appsettings.Development.json's local
/// defaults cannot fill a gap a test leaves.
/// </summary>
public static class ApiStartup
{
    /// <summary>
    /// Runs the Api with the local services' settings and a role and broker users of its own (Production
    /// refuses the committed passwords); <paramref name="overrides"/> win (null removes one).
    /// </summary>
    public static async Task<HostProcess.Outcome> RunToExitAsync(params (string Name, string? Value)[] overrides)
    {
        var services = LocalServices.Current;
        await using var credentials = await RunCredentials.CreateAsync($"commerce_test_startup_{Guid.NewGuid():N}"[..32], services.RabbitMqVirtualHost, CancellationToken.None);
        var environment = services.HostEnvironment(services.PostgresConnectionString, credentials: credentials).ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return await HostProcess.RunToExitAsync("Commerce.Api", environment, TimeSpan.FromSeconds(60));
    }

    /// <summary>src/Api/appsettings.Development.json as committed: what anyone with the repository can read.</summary>
    public static JsonElement CommittedDevelopmentSettings()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Api", "appsettings.Development.json")));
        return settings.RootElement.Clone();
    }

    /// <summary>A signing key as production makes one: base64 of 32 random bytes.</summary>
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The repository's configuration error: exit code 78 and one line on stderr that names <paramref name="setting"/>.</summary>
    public static void AssertStoppedNaming(HostProcess.Outcome outcome, string setting)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var lines = outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(78), outcome.StandardError);
            Assert.That(lines, Has.Length.EqualTo(1), outcome.StandardError);
            Assert.That(outcome.StandardError, Does.StartWith("Commerce.Api: configuration error:").And.Contain(setting));
        });
    }
}
