using System.Net;

namespace Commerce.Workers.Notifications;

/// <summary>
/// A SendGrid answer worth retrying; only ever seen inside the pipeline and as an inner exception.
/// Its message names the status code only: MassTransit writes an inner exception's message into the
/// dead-letter headers, and SendGrid's body is not ours to copy there.
/// </summary>
public sealed class SendGridTransientException(HttpStatusCode statusCode)
    : Exception($"SendGrid answered {(int)statusCode}.")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}
