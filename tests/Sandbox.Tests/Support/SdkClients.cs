using SendGrid;
using Stripe;

namespace Commerce.Sandbox.Tests.Support;

/// <summary>The vendors' own SDK clients, pointed at the sandbox the way the Workers point theirs.</summary>
public static class SdkClients
{
    /// <summary>A test-mode secret key as Stripe.net sends it; the sandbox accepts any such key.</summary>
    public const string StripeApiKey = "sk_test_sandbox";

    public const string SendGridApiKey = "SG.sandbox";

    /// <summary>
    /// Stripe.net as the Workers configure it, with only the API base changed. Retries are off unless
    /// asked for, so a test sees each answer; Stripe.net's own retries (with its automatic idempotency
    /// key) are what some tests are about.
    /// </summary>
    public static StripeClient Stripe(this SandboxServer sandbox, string apiKey = StripeApiKey, int maxNetworkRetries = 0) =>
        new(apiKey, httpClient: new SystemNetHttpClient(maxNetworkRetries: maxNetworkRetries), apiBase: Root(sandbox));

    public static SendGridClient SendGrid(this SandboxServer sandbox, string apiKey = SendGridApiKey) =>
        new(new SendGridClientOptions { ApiKey = apiKey, Host = Root(sandbox) });

    /// <summary>The base URL without a trailing slash, as both SDKs want it.</summary>
    private static string Root(SandboxServer sandbox) => sandbox.BaseAddress.ToString().TrimEnd('/');
}
