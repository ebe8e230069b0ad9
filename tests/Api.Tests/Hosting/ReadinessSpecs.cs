using System.Net;
using Commerce.LocalSystem;

namespace Commerce.Api.Tests.Hosting;

/// <summary>
/// Readiness follows PostgreSQL: a server of the test's own is stopped and restarted under a
/// running Api, which must report it within seconds and keep running.
/// </summary>
[TestFixture]
public sealed class ReadinessSpecs
{
    [Test]
    public async Task Ready_turns_503_within_5_s_of_PostgreSQL_stopping_and_back_to_200_after_it_restarts()
    {
        await using var postgres = await ThrowawayPostgres.StartAsync();
        await using var host = new HostFactory<Program>(LocalServices.Current.HostSettings(postgres.ConnectionString));
        using var client = host.CreateClient();
        await HealthProbe.WaitForReadyStatusAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        await postgres.StopServerAsync();
        var toUnready = await HealthProbe.WaitForReadyStatusAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5));

        using (var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the Api must keep running while PostgreSQL is down");
        }

        await postgres.StartServerAsync();
        await HealthProbe.WaitForReadyStatusAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        TestContext.Out.WriteLine($"readiness turned 503 {toUnready.TotalMilliseconds:0} ms after PostgreSQL stopped");
    }
}
