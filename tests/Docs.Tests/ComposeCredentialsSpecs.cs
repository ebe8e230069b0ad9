using System.Security.Cryptography;
using System.Text.Json;

namespace Commerce.Docs.Tests;

/// <summary>
/// docker-compose runs Staging, whose hosts refuse the committed local passwords, so every password
/// in it comes from the environment, and the broker's users are written with those (ADR 0030).
/// </summary>
[TestFixture]
public sealed class ComposeCredentialsSpecs
{
    private static readonly string Script = Path.Combine(DocFiles.Root, "infra", "rabbitmq", "render-compose-definitions.sh");

    private static readonly string Template = Path.Combine(DocFiles.Root, "infra", "rabbitmq", "compose-definitions.json");

    [Test]
    public void Docker_compose_holds_no_secret_of_its_own()
    {
        var found = SecretLookingValues.InLines(File.ReadAllText(Path.Combine(DocFiles.Root, "docker-compose.yml")));

        Assert.That(found.Select(f => f.Setting), Is.Empty, "a password or key in docker-compose.yml that is not a required variable (${VAR:?…})");
    }

    [Test]
    public async Task The_compose_broker_users_get_the_passwords_of_the_environment_and_the_local_users_rights()
    {
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var operationsPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var output = Path.Combine(Path.GetTempPath(), $"compose-definitions-{Guid.NewGuid():N}.json");
        try
        {
            var result = await Render(password, operationsPassword, output);
            Assert.That(result.ExitCode, Is.Zero, result.Output);

            using var rendered = JsonDocument.Parse(File.ReadAllText(output));
            using var local = JsonDocument.Parse(File.ReadAllText(Path.Combine(DocFiles.Root, "infra", "rabbitmq", "definitions.json")));
            var users = rendered.RootElement.GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!);
            Assert.Multiple(() =>
            {
                Assert.That(users["commerce"].GetProperty("password").GetString(), Is.EqualTo(password));
                Assert.That(users["commerce-ops"].GetProperty("password").GetString(), Is.EqualTo(operationsPassword));
                Assert.That(users.Values.Where(u => u.TryGetProperty("password_hash", out _)), Is.Empty, "no committed hash");
                Assert.That(users.Keys, Does.Not.Contain("commerce-admin"), "no administrator in compose");
                Assert.That(Tags(rendered), Is.EqualTo(Tags(local).Where(t => users.ContainsKey(t.Key))), "the tags of the local users");
                Assert.That(Permissions(rendered), Is.EquivalentTo(Permissions(local)), "the rights of the local users");
            });
        }
        finally
        {
            File.Delete(output);
        }
    }

    [TestCase("quote\"in-it")]
    [TestCase("pipe|in-it")]
    [TestCase("back\\slash")]
    public async Task A_password_that_would_need_escaping_is_refused_and_nothing_is_written(string password)
    {
        var output = Path.Combine(Path.GetTempPath(), $"compose-definitions-{Guid.NewGuid():N}.json");

        var result = await Render(password, "fine-0123456789", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.Output, Does.Contain("openssl rand -hex 24").And.Not.Contain(password));
            Assert.That(File.Exists(output), Is.False);
        });
    }

    private static Task<Tool.Result> Render(string password, string operationsPassword, string output) =>
        Tool.RunAsync(
            "/usr/bin/env",
            [$"RABBITMQ_PASSWORD={password}", $"RABBITMQ_OPS_PASSWORD={operationsPassword}", "sh", Script, Template, output],
            DocFiles.Root,
            TimeSpan.FromSeconds(30));

    private static Dictionary<string, string> Tags(JsonDocument definitions) =>
        definitions.RootElement.GetProperty("users").EnumerateArray().ToDictionary(
            u => u.GetProperty("name").GetString()!,
            u => string.Join(',', u.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));

    private static IEnumerable<string> Permissions(JsonDocument definitions) =>
        definitions.RootElement.GetProperty("permissions").EnumerateArray().Select(p => p.GetRawText().Replace(" ", "", StringComparison.Ordinal));
}
