namespace Commerce.Api.Tests.Ordering;

/// <summary>A live <c>text/event-stream</c> response, read line by line; disposing it hangs up.</summary>
public sealed class StatusFeed(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public HttpResponseMessage Response { get; } = response;

    /// <summary>The next line, or null once the server ended the stream.</summary>
    public async Task<string?> NextLineAsync(CancellationToken cancellationToken) => await reader.ReadLineAsync(cancellationToken);

    /// <summary>Reads until a line starting with <paramref name="prefix"/>; null when the stream ended first.</summary>
    public async Task<string?> NextLineStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        while (await NextLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>True once the server ended the stream (every remaining line read).</summary>
    public async Task<bool> EndsAsync(CancellationToken cancellationToken)
    {
        while (await NextLineAsync(cancellationToken) is not null)
        {
        }

        return true;
    }

    public void Dispose()
    {
        reader.Dispose();
        Response.Dispose();
    }
}
