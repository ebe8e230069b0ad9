using System.Net;
using System.Net.Http.Json;
using Commerce.Persistence.Seeding;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// Login limits per address across accounts and per account across addresses (with a lock-out that
/// grows), registration per address, all counted in Redis and shared by every Api instance
/// (docs/adr/0031). Small limits here: 4 logins a minute per address, 3 attempts per account
/// before a 2 s lock-out that doubles, 3 registrations a minute per address.
/// </summary>
[TestFixture]
public sealed class CredentialStuffingSpecs : ThrottleFixture
{
    private const int AddressCap = 4;
    private const int FailuresBeforeBackoff = 3;
    private const int RegistrationCap = 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Gateway:LoginAttemptsPerMinute"] = "5",
        ["Gateway:LoginAttemptsPerAddressPerMinute"] = $"{AddressCap}",
        ["Gateway:LoginFailuresBeforeBackoff"] = $"{FailuresBeforeBackoff}",
        ["Gateway:LoginBackoff"] = "00:00:02",
        ["Gateway:LoginBackoffMax"] = "00:01:00",
        ["Gateway:RegistrationsPerAddressPerMinute"] = $"{RegistrationCap}",
    };

    [Test]
    public async Task One_address_trying_many_accounts_is_cut_off_and_another_address_is_not()
    {
        await AssertCutOffAfterAsync(AddressCap, "198.51.100.1");

        using var other = await LoginFromAsync("198.51.100.2", UnknownEmail());
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task One_account_tried_from_many_addresses_is_locked_out_longer_each_time_whether_it_exists_or_not()
    {
        var existing = await LockOutAsync(DemoDataSeeder.CustomerEmail, "100.64.1");
        var unknown = await LockOutAsync(UnknownEmail(), "100.64.2");

        Assert.Multiple(() =>
        {
            Assert.That(existing.Answers, Is.EqualTo(new[]
            {
                "401 Invalid email or password", "401 Invalid email or password", "401 Invalid email or password",
                "429 Too many login attempts", "401 Invalid email or password", "429 Too many login attempts",
            }));
            Assert.That(unknown.Answers, Is.EqualTo(existing.Answers));
            Assert.That(existing.SecondRetryAfter, Is.GreaterThan(existing.FirstRetryAfter));
            Assert.That(unknown.SecondRetryAfter, Is.GreaterThan(unknown.FirstRetryAfter));
        });
    }

    [Test]
    public async Task A_correct_password_forgets_the_accounts_failures()
    {
        var answers = new List<HttpStatusCode>();
        var address = 0;
        async Task LoginAsync(string password)
        {
            using var response = await LoginFromAsync($"100.64.3.{++address}", DemoDataSeeder.AdminEmail, password);
            answers.Add(response.StatusCode);
        }

        for (var i = 0; i < FailuresBeforeBackoff - 1; i++)
        {
            await LoginAsync("wrong-password");
        }

        await LoginAsync(DemoDataSeeder.AdminPassword);
        // Counted afresh: the threshold's worth of failures passes, and only then the lock-out.
        for (var i = 0; i <= FailuresBeforeBackoff; i++)
        {
            await LoginAsync("wrong-password");
        }

        Assert.That(answers, Is.EqualTo(new[]
        {
            HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK,
            HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests,
        }));
    }

    [Test]
    public async Task Registration_is_limited_per_address_and_a_taken_email_counts_as_a_new_one()
    {
        var answers = new List<string>();
        foreach (var email in new[] { NewEmail(), DemoDataSeeder.CustomerEmail, NewEmail(), NewEmail(), DemoDataSeeder.CustomerEmail })
        {
            using var response = await RegisterFromAsync("192.0.2.1", email);
            answers.Add(await AnswerAsync(response));
        }

        using var other = await RegisterFromAsync("192.0.2.2", NewEmail());

        Assert.That(answers, Is.EqualTo(new[]
        {
            "201", "409 Email already registered", "201", "429 Too many registrations", "429 Too many registrations",
        }));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Forwarded_for_is_ignored_when_no_proxy_is_configured()
    {
        // Loopback, which ASP.NET Core would trust by default: a client naming a new address each time.
        await AssertCutOffAfterAsync(AddressCap, "127.0.0.1", i => $"198.18.0.{i + 1}");
    }

    [Test]
    public async Task Two_api_instances_count_the_same_attempts()
    {
        await using var second = new HostFactory<Program>(HostSettings);
        using var secondClient = second.CreateClient();
        await HealthProbe.WaitForReadyStatusAsync(secondClient, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < AddressCap; i++)
        {
            using var response = await LoginFromAsync("198.51.100.60", UnknownEmail(), host: i % 2 == 0 ? Host : second);
            statuses.Add(response.StatusCode);
        }

        using var onFirst = await LoginFromAsync("198.51.100.60", UnknownEmail());
        using var onSecond = await LoginFromAsync("198.51.100.60", UnknownEmail(), host: second);

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        await AssertTooManyRequestsAsync(onFirst);
        await AssertTooManyRequestsAsync(onSecond);
    }

    /// <summary>
    /// Wrong passwords for one account, each from a new address: the threshold's worth, the refusal
    /// that follows, then (once the lock-out has passed) one more try and the longer refusal after it.
    /// </summary>
    private async Task<(List<string> Answers, TimeSpan FirstRetryAfter, TimeSpan SecondRetryAfter)> LockOutAsync(string email, string network)
    {
        var answers = new List<string>();
        var address = 0;
        Task<HttpResponseMessage> TryAsync() => LoginFromAsync($"{network}.{++address}", email);

        for (var i = 0; i < FailuresBeforeBackoff; i++)
        {
            using var failed = await TryAsync();
            answers.Add(await AnswerAsync(failed));
        }

        using var first = await TryAsync();
        answers.Add(await AnswerAsync(first));
        HttpResponseMessage? afterLockOut = null;
        await Poll.UntilAsync(
            async () =>
            {
                afterLockOut?.Dispose();
                afterLockOut = await TryAsync();
                return afterLockOut.StatusCode != HttpStatusCode.TooManyRequests;
            },
            TimeSpan.FromSeconds(15),
            "the first lock-out to pass");
        using (afterLockOut)
        {
            answers.Add(await AnswerAsync(afterLockOut!));
        }

        using var second = await TryAsync();
        answers.Add(await AnswerAsync(second));
        return (answers, first.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, second.Headers.RetryAfter?.Delta ?? TimeSpan.Zero);
    }

    private async Task<HttpResponseMessage> RegisterFromAsync(string address, string email)
    {
        using var client = ClientFrom(address);
        return await client.PostAsJsonAsync(Url("/api/v1/auth/register"), new { email, password = "Correct-Horse-42", fullName = "Test User" });
    }

    /// <summary>The status, and the problem's title when there is one: what a client can tell answers apart by.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return status;
        }

        return $"{status} {(await JsonAsync(response)).GetProperty("title").GetString()}";
    }

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";
}
