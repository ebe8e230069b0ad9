namespace Commerce.Workers.Tests.Integrations.Support;

/// <summary>
/// What a provider's failure may leave behind (reliability plan S12): its status code, but never its
/// error body, in the logs or in the exception — whose message, inner ones included, MassTransit logs
/// and copies into the dead-letter headers.
/// </summary>
public static class ProviderFailureReport
{
    /// <param name="failure">What the client threw.</param>
    /// <param name="logs">Everything the client, its HTTP client and Polly logged.</param>
    /// <param name="statusInMessage">How the exception's message names the status code, e.g. <c>with 400</c>.</param>
    /// <param name="statusInLogs">How a log line names it: proof that the logs were written at all.</param>
    /// <param name="bodyText">Words of the error body the sandbox answered with.</param>
    public static void AssertStatusWithoutBody(Exception? failure, CapturedLogs logs, string statusInMessage, string statusInLogs, string bodyText)
    {
        ArgumentNullException.ThrowIfNull(logs);
        Assert.That(failure, Is.Not.Null);
        var text = logs.Text;
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain(statusInMessage));
            Assert.That(failure.ToString(), Does.Not.Contain(bodyText), "the exception, with its inner exceptions");
            Assert.That(text, Does.Contain(statusInLogs));
            Assert.That(text, Does.Not.Contain(bodyText), "the logs");
        });
    }
}
