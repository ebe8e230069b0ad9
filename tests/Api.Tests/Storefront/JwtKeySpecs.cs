using Commerce.Api.Tests.Hosting;

namespace Commerce.Api.Tests.Storefront;

/// <summary>A weak or committed signing key stops the real Api at start, with the repository's one-line configuration error.</summary>
[TestFixture]
public sealed class JwtKeySpecs
{
    [Test]
    public async Task A_jwt_key_under_32_bytes_stops_the_Api_with_exit_code_78()
    {
        var outcome = await ApiStartup.RunToExitAsync(
            ("Jwt__Issuer", "issuer"),
            ("Jwt__Audience", "audience"),
            ("Jwt__SigningKey", new string('k', 31)));

        ApiStartup.AssertStoppedNaming(outcome, "Jwt:SigningKey");
    }

    /// <summary>Issue 15 item 1: with the key anyone can read in the repository, anyone could mint an admin's token.</summary>
    [Test]
    public async Task The_committed_Development_key_stops_the_Api_in_Production_without_printing_it()
    {
        var committedKey = ApiStartup.CommittedDevelopmentSettings().GetProperty("Jwt").GetProperty("SigningKey").GetString()!;

        var outcome = await ApiStartup.RunToExitAsync(
            ("Jwt__Issuer", "issuer"),
            ("Jwt__Audience", "audience"),
            ("Jwt__SigningKey", committedKey),
            ("Warehouse__WebhookSecrets__0", new string('w', 32)));

        ApiStartup.AssertStoppedNaming(outcome, "Jwt:SigningKey");
        Assert.That(outcome.StandardError, Does.Not.Contain(committedKey));
    }
}
