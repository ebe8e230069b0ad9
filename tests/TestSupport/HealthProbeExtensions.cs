using System.Net;

namespace Commerce.TestSupport;

/// <summary>Waits for a host that is expected to run while a dependency is down (so never ready).</summary>
public static class HealthProbeExtensions
{
    public static Task<TimeSpan> WaitForLiveAsync(this HttpClient client) =>
        Poll.UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(60),
            "/health/live to answer 200");
}
