using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commerce.Search.Tests;

/// <summary>The "Search" section as a host validates it on start.</summary>
[TestFixture]
public sealed class OptionsValidationSpecs
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Search:Backend"] = "Elasticsearch",
        ["Search:Elasticsearch:Url"] = "https://search.internal:9200",
        ["Search:Elasticsearch:ApiKey"] = "secret-api-key-value",
    };

    [Test]
    public void Valid_elasticsearch_settings_pass()
    {
        var options = Resolve(Valid);

        Assert.Multiple(() =>
        {
            Assert.That(options.Backend, Is.EqualTo(SearchBackend.Elasticsearch));
            Assert.That(options.Elasticsearch.IndexAlias, Is.EqualTo("products"));
            Assert.That(options.Elasticsearch.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public void The_postgres_backend_needs_nothing()
    {
        Assert.That(Resolve(new Dictionary<string, string?>()).Backend, Is.EqualTo(SearchBackend.Postgres));
        Assert.That(Resolve(new Dictionary<string, string?> { ["Search:Elasticsearch:IndexAlias"] = "NOT VALID", ["Search:Elasticsearch:RequestTimeout"] = "01:00:00" }).Backend, Is.EqualTo(SearchBackend.Postgres));
    }

    [TestCase("Search:Elasticsearch:Url", null, "Search__Elasticsearch__Url")]
    [TestCase("Search:Elasticsearch:Url", "/relative/path", "Search__Elasticsearch__Url")]
    [TestCase("Search:Elasticsearch:Url", "ftp://search.internal", "Search__Elasticsearch__Url")]
    [TestCase("Search:Elasticsearch:Username", "indexer", "Search__Elasticsearch__ApiKey")]
    [TestCase("Search:Elasticsearch:IndexAlias", "Products", "Search__Elasticsearch__IndexAlias")]
    [TestCase("Search:Elasticsearch:IndexAlias", "-products", "Search__Elasticsearch__IndexAlias")]
    [TestCase("Search:Elasticsearch:IndexAlias", "prod*", "Search__Elasticsearch__IndexAlias")]
    [TestCase("Search:Elasticsearch:RequestTimeout", "00:00:00.050", "Search__Elasticsearch__RequestTimeout")]
    [TestCase("Search:Elasticsearch:RequestTimeout", "00:00:31", "Search__Elasticsearch__RequestTimeout")]
    public void An_invalid_setting_fails_on_start_naming_it_and_never_the_secret(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };
        if (key.EndsWith("Username", StringComparison.Ordinal))
        {
            settings["Search:Elasticsearch:Password"] = "secret-password-value";
        }

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain(named));
            Assert.That(failure.Message, Does.Not.Contain("secret-api-key-value").And.Not.Contain("secret-password-value"));
        });
    }

    [Test]
    public void A_username_without_a_password_fails()
    {
        var settings = new Dictionary<string, string?>(Valid) { ["Search:Elasticsearch:ApiKey"] = null, ["Search:Elasticsearch:Username"] = "indexer" };

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.That(failure!.Message, Does.Contain("Search__Elasticsearch__Password"));
    }

    [Test]
    public void A_username_and_password_without_an_api_key_pass()
    {
        var settings = new Dictionary<string, string?>(Valid) { ["Search:Elasticsearch:ApiKey"] = null, ["Search:Elasticsearch:Username"] = "indexer", ["Search:Elasticsearch:Password"] = "pw" };

        Assert.That(Resolve(settings).Elasticsearch.Username, Is.EqualTo("indexer"));
    }

    [Test]
    public void A_host_with_invalid_settings_refuses_to_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Valid) { ["Search:Elasticsearch:Url"] = null });
        builder.Services.AddCommerceSearch(builder.Configuration);
        using var host = builder.Build();

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(failure!.Message, Does.Contain("Search__Elasticsearch__Url"));
    }

    private static SearchOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddCommerceSearch(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SearchOptions>>().Value;
    }
}
