using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace Commerce.Workers.Integrations;

/// <summary>
/// What Polly's telemetry writes for a call's result: the result's type, never the result. Its
/// default formatter calls <c>ToString()</c>, which for a Stripe.net object is the whole JSON,
/// <c>client_secret</c> included, in an Information log (reliability plan S12). An HTTP response
/// keeps the formatter it had (its status code).
/// </summary>
internal sealed class RedactedResilienceResults : IPostConfigureOptions<TelemetryOptions>
{
    public void PostConfigure(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = options.ResultFormatter;
        options.ResultFormatter = (context, result) => result switch
        {
            null => null,
            HttpResponseMessage => http(context, result),
            _ => result.GetType().Name,
        };
    }
}
