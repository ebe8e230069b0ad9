namespace Commerce.Api.Tests.Hosting;

/// <summary>A guessable webhook secret or a replay window of hours stops the real Api at start, naming the setting.</summary>
[TestFixture]
public sealed class WebhookSettingsSpecs
{
    private static readonly (string, string?)[] ValidJwt =
    [
        ("Jwt__Issuer", "issuer"),
        ("Jwt__Audience", "audience"),
        ("Jwt__SigningKey", ApiStartup.NewSigningKey()),
    ];

    [TestCase("Warehouse__WebhookSecrets__0", "short-secret", "Warehouse:WebhookSecrets")]
    [TestCase("Warehouse__Tolerance", "01:00:00", "Warehouse:Tolerance")]
    [TestCase("Warehouse__Tolerance", "00:00:00", "Warehouse:Tolerance")]
    public async Task A_weak_webhook_setting_stops_the_Api_with_a_one_line_reason(string name, string value, string named)
    {
        var outcome = await ApiStartup.RunToExitAsync([.. ValidJwt, ("Warehouse__WebhookSecrets__0", new string('w', 32)), (name, value)]);

        ApiStartup.AssertStoppedNaming(outcome, named);
    }
}
