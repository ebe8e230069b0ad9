namespace Commerce.LocalSystem;

/// <summary>Waits for a started host to answer its health endpoint.</summary>
public static class HealthWait
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls <paramref name="url"/> until it answers 2xx; a refusal or a slow answer is "not yet", the deadline decides.</summary>
    public static async Task UntilHealthyAsync(Uri url, TimeSpan deadline, CancellationToken cancellationToken)
    {
        // A host still starting on a busy machine may take seconds to answer at all.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{url} not healthy after {deadline.TotalSeconds:0} s");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
