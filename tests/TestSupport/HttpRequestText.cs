using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Commerce.TestSupport;

/// <summary>A request body as text, gzip undone: the Elasticsearch client compresses what it sends.</summary>
public static class HttpRequestText
{
    public static async Task<string> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gzip = request.Headers.ContentEncoding.Any(encoding => string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase));
        await using var body = gzip ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }
}
