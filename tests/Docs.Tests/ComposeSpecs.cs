using YamlDotNet.RepresentationModel;

namespace Commerce.Docs.Tests;

/// <summary>
/// docker-compose.yml as Compose v2 reads it: every long-running service has a health check and a
/// restart policy, no obsolete <c>version</c> key; the broker enables its Prometheus plugin there
/// and locally from the same file.
/// </summary>
[TestFixture]
public sealed class ComposeSpecs
{
    private static readonly string[] RestartPolicies = ["always", "unless-stopped", "on-failure"];

    [Test]
    public void Every_long_running_compose_service_has_a_health_check_and_a_restart_policy()
    {
        var services = Services();
        // One-shots are the services another one waits for to complete, and those never restarted.
        var oneShots = services.Children.Values.OfType<YamlMappingNode>()
            .SelectMany(s => Mapping(s, "depends_on")?.Children.AsEnumerable() ?? [])
            .Where(d => Scalar(d.Value as YamlMappingNode, "condition") == "service_completed_successfully")
            .Select(d => ((YamlScalarNode)d.Key).Value!)
            .Concat(services.Children.Where(s => Scalar((YamlMappingNode)s.Value, "restart") == "no").Select(s => ((YamlScalarNode)s.Key).Value!))
            .ToHashSet();
        var longRunning = services.Children.Where(s => !oneShots.Contains(((YamlScalarNode)s.Key).Value!)).ToList();

        var withoutHealthCheck = longRunning.Where(s => Mapping((YamlMappingNode)s.Value, "healthcheck") is not { } h || !h.Children.ContainsKey("test")).Select(Name);
        var withoutRestart = longRunning.Where(s => !RestartPolicies.Contains(Scalar((YamlMappingNode)s.Value, "restart"))).Select(Name);
        Assert.Multiple(() =>
        {
            Assert.That(oneShots, Is.EquivalentTo(new[] { "broker-definitions", "migrate", "search-user", "reindex" }));
            Assert.That(longRunning.Select(Name), Is.SupersetOf(new[] { "api", "workers", "sandbox", "rabbitmq", "postgres" }));
            Assert.That(withoutHealthCheck, Is.Empty, "services without a healthcheck test");
            Assert.That(withoutRestart, Is.Empty, $"services without restart: {string.Join(" | ", RestartPolicies)}");
        });
    }

    [Test]
    public void Docker_compose_has_no_version_key() =>
        Assert.That(Compose().Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value), Does.Not.Contain("version"));

    [Test]
    public void The_broker_enables_its_Prometheus_plugin_from_one_file_locally_and_in_compose()
    {
        var plugins = File.ReadAllText(Path.Combine(DocFiles.Root, "infra", "rabbitmq", "enabled_plugins"))
            .Trim().TrimStart('[').TrimEnd('.').TrimEnd(']').Split(',', StringSplitOptions.TrimEntries);
        var volumes = Sequence(Mapping(Services(), "rabbitmq"), "volumes").Select(v => ((YamlScalarNode)v).Value);
        var servicesScript = File.ReadAllText(Path.Combine(DocFiles.Root, "infra", "local", "services.sh"));

        Assert.Multiple(() =>
        {
            Assert.That(plugins, Does.Contain("rabbitmq_prometheus").And.Contain("rabbitmq_management"));
            Assert.That(volumes, Does.Contain("./infra/rabbitmq/enabled_plugins:/etc/rabbitmq/enabled_plugins:ro"));
            Assert.That(servicesScript, Does.Contain("\"$infra/rabbitmq/enabled_plugins\" /etc/rabbitmq/enabled_plugins"), "installed for the local broker");
            Assert.That(servicesScript, Does.Contain("< \"$infra/rabbitmq/enabled_plugins\""), "and enabled on a running one from the same list");
        });
    }

    /// <summary>The parsed docker-compose.yml; anchors and aliases resolved, merge keys (<c>&lt;&lt;</c>) left as keys.</summary>
    internal static YamlMappingNode Compose()
    {
        using var reader = new StreamReader(Path.Combine(DocFiles.Root, "docker-compose.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    internal static YamlMappingNode Services() => Mapping(Compose(), "services")!;

    internal static YamlMappingNode? Mapping(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    internal static IEnumerable<YamlNode> Sequence(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode sequence ? sequence.Children : [];

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;

    private static string Name(KeyValuePair<YamlNode, YamlNode> service) => ((YamlScalarNode)service.Key).Value!;
}
