using System.Diagnostics;
using Commerce.LocalSystem;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Api.Tests.Contract;

/// <summary>
/// The client session of <see cref="ContractFixture"/> through Prism's validating proxy
/// (<c>prism proxy --errors</c>, npm, from <c>tools/openapi-lint</c>) in front of an Api on Kestrel:
/// every answer the Api gives, error paths included, is one the document allows (status, headers,
/// problem body with its <c>traceId</c>). Requests the document itself refuses are left out: Prism
/// answers those without asking the Api.
/// </summary>
[TestFixture]
public sealed class PrismSessionSpecs : ContractFixture
{
    private static readonly string ToolFolder = Path.Combine(RepositoryPaths.Root, "tools", "openapi-lint");

    [Test]
    public async Task Prism_finds_no_violation_in_a_client_session_with_its_error_paths()
    {
        await using var api = new HostFactory<Program>(new Dictionary<string, string>(HostSettings) { ["urls"] = "http://127.0.0.1:0" });
        api.UseKestrel();
        api.StartServer();
        var apiAddress = api.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var direct = new HttpClient { BaseAddress = new Uri(apiAddress) };
        var document = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await direct.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var port = FreePort.Next();
        using var prism = StartPrism(document, apiAddress, port);
        using var proxied = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await Poll.UntilAsync(async () => await AnswersAsync(proxied), TimeSpan.FromSeconds(60), "Prism to listen");

            var answers = await RunClientSessionAsync(proxied, onlyWhatTheDocumentAllows: true);

            Assert.Multiple(() =>
            {
                // Errors of several kinds went through the proxy, so a clean result means something.
                Assert.That(answers.Select(a => (int)a.Status).Distinct(), Is.SupersetOf(new[] { 200, 202, 400, 401, 403, 404, 409 }));
                foreach (var answer in answers)
                {
                    Assert.That(answer.Violations, Is.Null, $"{answer.Call.Operation} {(int)answer.Status}: {answer.Body}");
                    Assert.That(answer.Body, Does.Not.Contain("stoplight.io/prism/errors"), $"{answer.Call.Operation} {(int)answer.Status}");
                }
            });
        }
        finally
        {
            prism.Kill(entireProcessTree: true);
            await prism.WaitForExitAsync();
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("/api/v1/", UriKind.Relative));
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static Process StartPrism(string document, string upstream, int port)
    {
        var node = Which("node") ?? throw new InconclusiveException("Node.js is needed to run Prism (apt-get install nodejs npm).");
        var prism = Path.Combine(ToolFolder, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
        if (!File.Exists(prism))
        {
            using var install = Process.Start(new ProcessStartInfo(Which("npm") ?? "npm", "ci --no-audit --no-fund") { WorkingDirectory = ToolFolder })!;
            install.WaitForExit();
            Assert.That(install.ExitCode, Is.Zero, "npm ci in tools/openapi-lint failed");
        }

        var start = new ProcessStartInfo(node) { WorkingDirectory = ToolFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { prism, "proxy", document, upstream, "--errors", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        // Drained so a chatty proxy never blocks on a full pipe; its log is Prism's own, not evidence.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
