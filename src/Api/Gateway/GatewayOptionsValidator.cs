using System.Net;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Gateway;

/// <summary>Start-up checks the attributes cannot express: proxy addresses that parse, and a backoff that can grow.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        failures.AddRange(options.KnownProxies
            .Where(proxy => !IPAddress.TryParse(proxy, out _))
            .Select(proxy => $"Gateway:KnownProxies has '{proxy}', which is not an IP address"));
        failures.AddRange(options.KnownNetworks
            .Where(network => !IPNetwork.TryParse(network, out _))
            .Select(network => $"Gateway:KnownNetworks has '{network}', which is not a network in CIDR notation (10.0.0.0/8)"));
        if (options.LoginBackoff > options.LoginBackoffMax)
        {
            failures.Add("Gateway:LoginBackoff must not be longer than Gateway:LoginBackoffMax");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
