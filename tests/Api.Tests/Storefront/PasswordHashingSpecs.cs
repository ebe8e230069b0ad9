using System.Net;
using System.Net.Http.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// Password hashing runs on a bounded number of slots with a bounded queue (here 1): with every
/// slot and the queue held by the test, a login or a registration is refused at once with 503 and
/// Retry-After, while routes that hash nothing still answer; released, logins work again.
/// </summary>
[TestFixture]
public sealed class PasswordHashingSpecs : ThrottleFixture
{
    /// <summary><c>PasswordWork.LimiterKey</c>: the hashing limiter, a seam for holding its slots.</summary>
    private const string LimiterKey = "password-hashing";

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Gateway:PasswordHashQueueLimit"] = "1",
    };

    [Test]
    public async Task With_every_slot_and_the_queue_taken_a_login_is_refused_at_once_and_other_routes_answer()
    {
        var limiter = Host.Services.GetRequiredKeyedService<RateLimiter>(LimiterKey);
        var slots = (int)limiter.GetStatistics()!.CurrentAvailablePermits;
        var held = Enumerable.Range(0, slots).Select(_ => limiter.AttemptAcquire()).ToList();
        var queued = limiter.AcquireAsync();
        try
        {
            Assert.That(held.Select(lease => lease.IsAcquired), Is.All.True);
            Assert.That(limiter.GetStatistics()!.CurrentQueuedCount, Is.EqualTo(1));

            using var login = await PostLoginAsync(UnknownEmail(), "wrong-password");
            using var register = await Client.PostAsJsonAsync(Url("/api/v1/auth/register"),
                new { email = UnknownEmail(), password = "Correct-Horse-42", fullName = "Test User" });
            using var catalog = await Client.GetAsync(Url("/api/v1/products?pageSize=1"));

            await AssertProblemAsync(login, HttpStatusCode.ServiceUnavailable);
            Assert.That(login.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero));
            await AssertProblemAsync(register, HttpStatusCode.ServiceUnavailable);
            Assert.That(catalog.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            held.ForEach(lease => lease.Dispose());
            (await queued).Dispose();
        }

        using var afterwards = await PostLoginAsync(UnknownEmail(), "wrong-password");
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
