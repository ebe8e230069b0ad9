using Commerce.Api.Tests.Hosting;

namespace Commerce.Api.Tests.Storefront;

/// <summary>A signing key under 256 bits stops the real Api at start, with the repository's one-line configuration error.</summary>
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
}
