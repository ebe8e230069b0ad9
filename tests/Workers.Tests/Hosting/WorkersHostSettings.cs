using Commerce.LocalSystem;

namespace Commerce.Workers.Tests.Hosting;

/// <summary>The settings of a real Workers host on a test's own database and virtual host, with the sandbox as every provider.</summary>
internal static class WorkersHostSettings
{
    public static Dictionary<string, string> OnSandbox(SandboxServer sandbox, string postgresConnectionString, string virtualHost)
    {
        var providers = sandbox.BaseAddress.GetLeftPart(UriPartial.Authority);
        return new Dictionary<string, string>(LocalServices.Current.HostSettings(postgresConnectionString, virtualHost))
        {
            ["Stripe:ApiBase"] = providers,
            ["SendGrid:Host"] = providers,
            ["Warehouse:BaseUrl"] = providers,
        };
    }
}
