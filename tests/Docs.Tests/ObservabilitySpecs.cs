using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Commerce.Docs.Tests;

/// <summary>
/// infra/observability: Prometheus's scrape configuration and alert rules as promtool (Debian's
/// prometheus package; <c>./commerce test</c> unpacks it) reads them, the alerts docs/operations.md
/// promises, and a dashboard whose every query reads a metric that something exports.
/// </summary>
[TestFixture]
public sealed partial class ObservabilitySpecs
{
    private static readonly string Folder = Path.Combine(DocFiles.Root, "infra", "observability");

    // What the Api and the Workers do not declare themselves: the broker's plugin, MassTransit's
    // instruments (republished in seconds, MassTransitMetricsBridge), ASP.NET Core's and Prometheus's own.
    private static readonly string[] ExportedByOthers = ["rabbitmq_detailed_queue_", "messaging_masstransit_", "http_server_request_duration_seconds", "up"];

    private static readonly string[] PromQlWords =
        ["sum", "max", "min", "by", "rate", "delta", "histogram_quantile", "clamp_min", "le", "or", "and", "without", "on", "ignoring"];

    [Test]
    public async Task Promtool_accepts_the_scrape_configuration_and_the_alert_rules()
    {
        var promtool = Promtool();

        var config = await Tool.RunAsync(promtool, ["check", "config", "prometheus.yml"], Folder, TimeSpan.FromSeconds(60));
        var rules = await Tool.RunAsync(promtool, ["check", "rules", "alerts.yml"], Folder, TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(config.ExitCode, Is.Zero, config.Output);
            Assert.That(config.Output, Does.Contain("1 rule files found"), "the scrape configuration loads alerts.yml");
            Assert.That(rules.ExitCode, Is.Zero, rules.Output);
        });
    }

    [Test]
    public void The_alerts_cover_outbox_age_stuck_orders_dead_letters_error_rates_and_readiness()
    {
        var rules = AlertRules();

        Assert.Multiple(() =>
        {
            Assert.That(rules["OutboxBacklogOld"], Does.Contain("commerce_outbox_oldest_age_seconds"));
            Assert.That(rules["OrdersStuck"], Does.Contain("commerce_orders_stuck"));
            Assert.That(rules["DeadLettersGrowing"], Does.Contain("rabbitmq_detailed_queue_messages").And.Contain("_error"));
            Assert.That(rules["ConsumeErrorRateHigh"], Does.Contain("messaging_masstransit_consume_errors_total"));
            Assert.That(rules["ApiServerErrorRateHigh"], Does.Contain("5.."));
            Assert.That(rules["HostNotReady"], Does.Contain("commerce_health_ready"));
        });
    }

    [Test]
    public void Every_metric_the_dashboard_and_the_alerts_read_is_declared_in_the_code_or_exported_by_a_library_or_the_broker()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "grafana", "dashboards", "checkout.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        var expressions = panels
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .Concat(AlertRules().Values)
            .ToList();
        var declared = DeclaredCommerceMetrics();

        var unknown = expressions.SelectMany(MetricNames).Distinct()
            .Where(name => !ExportedByOthers.Any(name.StartsWith) && !declared.Any(d => IsSeriesOf(name, d)))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(panels, Has.Count.GreaterThanOrEqualTo(10));
            Assert.That(declared, Does.Contain("commerce_checkouts").And.Contain("commerce_orders_finished").And.Contain("commerce_payments_declined"));
            Assert.That(unknown, Is.Empty, "metrics nothing declares");
        });
    }

    private static string Promtool()
    {
        var local = Path.Combine(DocFiles.Root, ".commerce", "tools", "promtool");
        var promtool = File.Exists(local) ? local : Tool.Find("promtool");
        if (promtool is null)
        {
            Assert.Fail("promtool is needed: ./commerce test unpacks it from Debian's prometheus package into .commerce/tools.");
        }

        return promtool!;
    }

    private static Dictionary<string, string> AlertRules()
    {
        using var reader = new StreamReader(Path.Combine(Folder, "alerts.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlSequenceNode)root["groups"]).Children.Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Children.Cast<YamlMappingNode>())
            .ToDictionary(r => ((YamlScalarNode)r["alert"]).Value!, r => ((YamlScalarNode)r["expr"]).Value!);
    }

    /// <summary>The Prometheus names (dots as underscores) of every <c>{prefix}.x</c>, <c>{…InstrumentPrefix}.x</c>, <c>InstrumentPrefix + ".x"</c> or <see cref="Commerce.ServiceDefaults.CommerceCounter"/> (<c>new(meters, "x"</c>) instrument in src.</summary>
    private static HashSet<string> DeclaredCommerceMetrics() =>
        Directory.EnumerateFiles(Path.Combine(DocFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => InstrumentName().Matches(File.ReadAllText(f)))
            .Select(m => "commerce_" + m.Groups["name"].Value.Replace('.', '_'))
            .ToHashSet();

    private static bool IsSeriesOf(string name, string declared) =>
        name == declared || (name.StartsWith(declared + "_", StringComparison.Ordinal)
            && name[(declared.Length + 1)..] is "total" or "seconds" or "seconds_bucket" or "seconds_count" or "seconds_sum");

    private static IEnumerable<string> MetricNames(string expression)
    {
        var withoutStrings = QuotedOrBracketed().Replace(expression, " ");
        return Identifier().Matches(withoutStrings).Select(m => m.Value).Where(w => !PromQlWords.Contains(w) && !char.IsDigit(w[0]));
    }

    [GeneratedRegex(@"(?:\{prefix\}|InstrumentPrefix\}|InstrumentPrefix \+ "")\.(?<name>[a-z_.]+)""|new\(meters, ""(?<name>[a-z_.]+)""")]
    private static partial Regex InstrumentName();

    // Label matchers, grouping lists, ranges, strings and numbers (1e-9) hold no metric names.
    [GeneratedRegex(@"\{[^}]*\}|\([a-z_, ]*\)(?=\s*\()|\[[^\]]*\]|""[^""]*""|\b\d[\d.]*(?:e-?\d+)?")]
    private static partial Regex QuotedOrBracketed();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex Identifier();
}
