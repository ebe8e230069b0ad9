namespace Commerce.Sandbox;

/// <summary>
/// Stands in for Stripe, SendGrid and the warehouse on machines without internet access
/// (docs/adr/0007). It shares no code with the system it serves, like the real services.
/// </summary>
#pragma warning disable CA1515 // public so tests can start it in-process
public sealed class Program
#pragma warning restore CA1515
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSandbox();

        var app = builder.Build();
        app.MapSandbox();
        await app.RunAsync();
    }
}
