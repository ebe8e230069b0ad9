using System.Net;
using Commerce.LocalSystem;
using Commerce.Operations.Management;

namespace Commerce.Messaging.Tests.Management;

/// <summary>
/// The management client carries the broker's credentials, so an answer sending it elsewhere is an
/// error, never followed (reliability plan S8; issue 15 item 5).
/// </summary>
[TestFixture]
public sealed class ManagementClientRedirectSpecs
{
    [Test]
    public async Task A_redirect_is_an_error_and_its_target_is_never_asked()
    {
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var targetHits = 0;
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    // Stopped: on Linux a pending wait ends as disposed, elsewhere as a listener error.
                    return;
                }

                if (context.Request.Url!.AbsolutePath == "/target")
                {
                    Interlocked.Increment(ref targetHits);
                    context.Response.StatusCode = 200;
                }
                else
                {
                    context.Response.StatusCode = (int)HttpStatusCode.Redirect;
                    context.Response.RedirectLocation = $"http://127.0.0.1:{port}/target";
                }

                context.Response.Close();
            }
        });

        using var client = new RabbitMqManagementClient(new Uri($"http://127.0.0.1:{port}/"), "ops", "secret");
        var e = Assert.ThrowsAsync<HttpRequestException>(() => client.GetQueuesAsync("commerce", CancellationToken.None));

        listener.Stop();
        await serving;
        Assert.Multiple(() =>
        {
            Assert.That(e!.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(targetHits, Is.Zero, "the redirect was followed");
        });
    }
}
