using Commerce.Bench.Reads;

namespace Commerce.Bench.Tests;

/// <summary>Which search backends a read run measures, and the settings the Api and Workers get for each.</summary>
public sealed class ReadBackendSpecs
{
    [Test]
    public void Without_ELASTICSEARCH_URL_only_PostgreSQL_is_measured_and_the_skip_is_said()
    {
        var (backends, skipped) = ReadBackend.From(_ => null);

        Assert.Multiple(() =>
        {
            Assert.That(backends.Select(b => b.Name), Is.EqualTo(new[] { "postgresql" }));
            Assert.That(backends[0].HostSettings, Is.Empty, "PostgreSQL is the hosts' default backend");
            Assert.That(backends[0].Preparation, Is.TypeOf<PostgresSearchPreparation>());
            Assert.That(skipped, Is.EqualTo(new[] { "reads: elasticsearch backend skipped: ELASTICSEARCH_URL is not set" }));
        });
    }

    [Test]
    public void With_ELASTICSEARCH_URL_the_hosts_get_the_Elasticsearch_settings_and_the_api_key_rather_than_a_password()
    {
        var environment = new Dictionary<string, string>
        {
            ["ELASTICSEARCH_URL"] = "https://search.example:9200",
            ["ELASTICSEARCH_API_KEY"] = "key-1",
            ["ELASTICSEARCH_USERNAME"] = "elastic",
            ["ELASTICSEARCH_PASSWORD"] = "secret",
        };

        var (backends, skipped) = ReadBackend.From(environment.GetValueOrDefault);

        Assert.Multiple(() =>
        {
            Assert.That(backends.Select(b => b.Name), Is.EqualTo(new[] { "postgresql", "elasticsearch" }));
            Assert.That(backends[1].HostSettings, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["Search__Backend"] = "Elasticsearch",
                ["Search__Elasticsearch__Url"] = "https://search.example:9200",
                ["Search__Elasticsearch__ApiKey"] = "key-1",
                ["Search__Elasticsearch__IndexAlias"] = "commerce-bench",
            }));
            Assert.That(skipped, Is.Empty);
        });
    }

    [Test]
    public void Without_an_api_key_the_hosts_get_the_user_name_and_password()
    {
        var environment = new Dictionary<string, string>
        {
            ["ELASTICSEARCH_URL"] = "http://127.0.0.1:9200",
            ["ELASTICSEARCH_API_KEY"] = string.Empty,
            ["ELASTICSEARCH_USERNAME"] = "elastic",
            ["ELASTICSEARCH_PASSWORD"] = "secret",
        };

        var (backends, _) = ReadBackend.From(environment.GetValueOrDefault);

        Assert.That(backends[1].HostSettings, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["Search__Backend"] = "Elasticsearch",
            ["Search__Elasticsearch__Url"] = "http://127.0.0.1:9200",
            ["Search__Elasticsearch__Username"] = "elastic",
            ["Search__Elasticsearch__Password"] = "secret",
            ["Search__Elasticsearch__IndexAlias"] = "commerce-bench",
        }));
    }
}
