using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Gateway;

/// <summary>
/// <c>X-Forwarded-For</c> from the reverse proxies named in <c>Gateway:KnownProxies</c> and
/// <c>Gateway:KnownNetworks</c> only. The framework's default trusts loopback; that default is
/// cleared, so with nothing configured the header is ignored and a client cannot choose the
/// address its limits are counted under.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<GatewayOptions>>((forwarded, gateway) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in gateway.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in gateway.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            var trustsAny = forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0;
            // Only the client address: scheme and host are not used for anything a client could abuse.
            forwarded.ForwardedHeaders = trustsAny ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
            // The last hop only: the address the trusted proxy saw; earlier entries are the client's own words.
            forwarded.ForwardLimit = 1;
        });
        return services;
    }
}
