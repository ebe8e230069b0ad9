namespace Commerce.Api.Gateway;

/// <summary>
/// The caller's address as the limits key it: the connection's peer, or the client a trusted
/// reverse proxy forwarded (<see cref="TrustedProxies"/> rewrites the connection before this is read).
/// </summary>
internal static class ClientAddress
{
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        // IPv4 clients of a dual-stack socket arrive as ::ffff:a.b.c.d; one client, one key.
        var address = http.Connection.RemoteIpAddress;
        return address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
