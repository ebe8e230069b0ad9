namespace Commerce.Workers.Integrations;

/// <summary>
/// The last handler before the socket for every outbound client of the integrations: a request may
/// only go to the configured provider's scheme, host and port (reliability plan S8, SSRF). The
/// primary handlers also never follow redirects (<see cref="ProviderRegistration.NoRedirects"/>), so an answer
/// cannot send a request anywhere else either.
/// </summary>
public sealed class OutboundHostGuard(Uri allowed) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request.RequestUri);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request.RequestUri);
        return base.Send(request, cancellationToken);
    }

    private void Check(Uri? target)
    {
        if (target is null || !target.IsAbsoluteUri
            || !string.Equals(target.Scheme, allowed.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(target.IdnHost, allowed.IdnHost, StringComparison.OrdinalIgnoreCase)
            || target.Port != allowed.Port)
        {
            throw new DisallowedHostException($"Refused an outbound request to {target?.GetLeftPart(UriPartial.Authority) ?? "(no address)"}: only {allowed.GetLeftPart(UriPartial.Authority)} is configured for this client.");
        }
    }
}
