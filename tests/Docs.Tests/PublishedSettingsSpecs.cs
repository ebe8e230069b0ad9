using System.Text.Json;

namespace Commerce.Docs.Tests;

/// <summary>
/// The published Api and Workers (what their images copy) carry no appsettings.Development.json:
/// its committed local keys must not reach a deployed host (issue 15 item 1, ADR 0030). MSBuild
/// computes the publish list without publishing, so no docker engine or publish run is needed.
/// </summary>
[TestFixture]
public sealed class PublishedSettingsSpecs
{
    [TestCase("src/Api/Commerce.Api.csproj")]
    [TestCase("src/Workers/Commerce.Workers.csproj")]
    public async Task The_publish_output_has_the_settings_but_not_the_Development_ones(string project)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? Tool.Find("dotnet") ?? "dotnet";
        var result = await Tool.RunAsync(
            dotnet,
            ["msbuild", project, "-nologo", "-t:ComputeResolvedFilesToPublishList", "-getItem:ResolvedFileToPublish", "-p:Configuration=Release", "-p:NoBuild=true"],
            DocFiles.Root,
            TimeSpan.FromMinutes(2));
        Assert.That(result.ExitCode, Is.Zero, result.Output);

        using var list = JsonDocument.Parse(result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..]);
        var published = list.RootElement.GetProperty("Items").GetProperty("ResolvedFileToPublish").EnumerateArray()
            .Select(item => item.GetProperty("RelativePath").GetString()!.Replace('\\', '/'))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(published, Does.Contain("appsettings.json"), "the list is the publish list at all");
            Assert.That(published, Does.Not.Contain("appsettings.Development.json"));
        });
    }
}
