using System.Net;

namespace Commerce.TestSupport;

/// <summary>Polls a host's health endpoints.</summary>
public static class HealthProbe
{
    public static Task<TimeSpan> WaitForReadyStatusAsync(HttpClient client, HttpStatusCode expected, TimeSpan deadline) =>
        Poll.UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                return response.StatusCode == expected;
            },
            deadline,
            $"/health/ready to answer {(int)expected}");
}
