using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Commerce.Search;

/// <summary>
/// Checks the Elasticsearch settings on start when that backend is chosen. Messages name the
/// environment variable to fix and never echo a value (the key and password are secrets).
/// </summary>
internal sealed partial class SearchOptionsValidator : IValidateOptions<SearchOptions>
{
    internal static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan LongestTimeout = TimeSpan.FromSeconds(30);

    private const string Prefix = "Search__Elasticsearch__";

    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Backend != SearchBackend.Elasticsearch)
        {
            return ValidateOptionsResult.Success;
        }

        var elasticsearch = options.Elasticsearch;
        var failures = new List<string>();
        if (elasticsearch.Url is null)
        {
            failures.Add($"{Prefix}Url is required when Search__Backend is Elasticsearch");
        }
        else if (!elasticsearch.Url.IsAbsoluteUri || (elasticsearch.Url.Scheme != Uri.UriSchemeHttp && elasticsearch.Url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Prefix}Url must be an absolute http or https address");
        }

        var hasApiKey = !string.IsNullOrEmpty(elasticsearch.ApiKey);
        var hasUsername = !string.IsNullOrEmpty(elasticsearch.Username);
        var hasPassword = !string.IsNullOrEmpty(elasticsearch.Password);
        if (hasUsername != hasPassword)
        {
            failures.Add($"{Prefix}Username and {Prefix}Password go together: set both or neither");
        }

        if (hasApiKey && (hasUsername || hasPassword))
        {
            failures.Add($"{Prefix}ApiKey and {Prefix}Username/{Prefix}Password exclude each other: set one way to authenticate");
        }

        if (elasticsearch.IndexAlias is null || !AliasName().IsMatch(elasticsearch.IndexAlias))
        {
            failures.Add($"{Prefix}IndexAlias must be lowercase letters, digits, '_' or '-', starting with a letter or digit, at most 100 characters");
        }

        if (elasticsearch.RequestTimeout < ShortestTimeout || elasticsearch.RequestTimeout > LongestTimeout)
        {
            failures.Add($"{Prefix}RequestTimeout must be between 00:00:00.100 and 00:00:30");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,99}$")]
    private static partial Regex AliasName();
}
