namespace Commerce.Docs.Tests;

/// <summary>
/// Spectral (<c>spectral:oas</c>) and Redocly (<c>recommended</c>) from <c>tools/openapi-lint</c>,
/// installed with <c>npm ci</c> the first time, with the rulesets committed there
/// (<c>.spectral.yaml</c>, <c>redocly.yaml</c>) that name each rule turned off and why.
/// </summary>
internal static class OpenApiLinters
{
    public static readonly string Folder = Path.Combine(DocFiles.Root, "tools", "openapi-lint");

    /// <summary>Lints <paramref name="document"/> with Spectral, failing on warnings too.</summary>
    public static async Task<Tool.Result> SpectralAsync(string document) =>
        await Tool.RunAsync(
            await NodeAsync(),
            [Path.Combine("node_modules", "@stoplight", "spectral-cli", "dist", "index.js"), "lint", document, "--ruleset", ".spectral.yaml", "--fail-severity", "warn", "--format", "text"],
            Folder,
            TimeSpan.FromMinutes(2));

    /// <summary>Lints <paramref name="document"/> with Redocly; its summary line counts errors and warnings.</summary>
    public static async Task<Tool.Result> RedoclyAsync(string document) =>
        await Tool.RunAsync(
            await NodeAsync(),
            [Path.Combine("node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", document, "--config", "redocly.yaml", "--format", "stylish"],
            Folder,
            TimeSpan.FromMinutes(2));

    private static async Task<string> NodeAsync()
    {
        var node = Tool.Find("node");
        var npm = Tool.Find("npm");
        if (node is null || npm is null)
        {
            Assert.Fail("Node.js and npm are needed to lint the OpenAPI document (apt-get install nodejs npm).");
        }

        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@redocly", "cli")) ||
            !Directory.Exists(Path.Combine(Folder, "node_modules", "@stoplight", "spectral-cli")))
        {
            var install = await Tool.RunAsync(npm!, ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5));
            Assert.That(install.ExitCode, Is.Zero, "npm ci in tools/openapi-lint failed:\n" + install.Output);
        }

        return node!;
    }
}
