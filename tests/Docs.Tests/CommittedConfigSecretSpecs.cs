using Commerce.ServiceDefaults;

namespace Commerce.Docs.Tests;

/// <summary>
/// Every secret-looking value of a committed configuration file (appsettings*.json,
/// infra/env/local.env, docker-compose.yml) is a known development value of
/// <see cref="DevelopmentSecrets"/>, the list the hosts refuse outside Development: a new secret in
/// one of these files fails here until it is listed, and so refused, too (issue 15 item 1, ADR 0030).
/// </summary>
[TestFixture]
public sealed class CommittedConfigSecretSpecs
{
    private static IEnumerable<string> ConfigFiles() =>
        [
            .. new[] { "src", "tools", "tests" }
                .SelectMany(top => Directory.EnumerateFiles(Path.Combine(DocFiles.Root, top), "appsettings*.json", SearchOption.AllDirectories))
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)),
            Path.Combine(DocFiles.Root, "infra", "env", "local.env"),
            Path.Combine(DocFiles.Root, "docker-compose.yml"),
        ];

    private static IEnumerable<SecretLookingValues.Found> Read(string file) =>
        file.EndsWith(".json", StringComparison.Ordinal)
            ? SecretLookingValues.InJson(File.ReadAllText(file))
            : SecretLookingValues.InLines(File.ReadAllText(file));

    [Test]
    public void The_scan_finds_keys_secrets_passwords_and_compose_defaults()
    {
        var json = SecretLookingValues.InJson("""{ "Jwt": { "SigningKey": "planted-1" }, "Db": { "ConnectionString": "Host=x;Password=planted-2" }, "Hooks": { "Secrets": [ "planted-3" ] } }""");
        var lines = SecretLookingValues.InLines("Stripe__ApiKey=planted-4\n  POSTGRES_PASSWORD: \"${POSTGRES_PASSWORD:-planted-5}\"\n  Jwt__SigningKey: \"${JWT_SIGNING_KEY:?set it}\"\n  Host: localhost\n");

        Assert.Multiple(() =>
        {
            Assert.That(json.Select(f => f.Value), Is.EquivalentTo(new[] { "planted-1", "planted-2", "planted-3" }));
            Assert.That(lines.Select(f => f.Value), Is.EquivalentTo(new[] { "planted-4", "planted-5" }), "a variable without a default holds nothing");
        });
    }

    [Test]
    public void Every_committed_secret_looking_value_is_a_listed_development_value()
    {
        var files = ConfigFiles().ToList();
        var found = files.SelectMany(file => Read(file).Select(f => (File: DocFiles.Relative(file), f.Setting, f.Value))).ToList();
        var unknown = found.Where(f => !DevelopmentSecrets.Committed.Contains(f.Value)).Select(f => $"{f.File}: {f.Setting}").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(files.Select(DocFiles.Relative), Does.Contain("src/Api/appsettings.Development.json").And.Contain("docker-compose.yml"));
            Assert.That(found.Select(f => f.Setting), Does.Contain("Jwt:SigningKey").And.Contain("Stripe:ApiKey"), "the scan reads the Development settings");
            Assert.That(unknown, Is.Empty, "a committed secret not in DevelopmentSecrets (take it from the environment, or list it so the hosts refuse it)");
        });
    }
}
