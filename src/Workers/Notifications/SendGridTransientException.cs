using System.Net;

namespace Commerce.Workers.Notifications;

/// <summary>A SendGrid answer worth retrying; only ever seen inside the pipeline and as an inner exception.</summary>
public sealed class SendGridTransientException(HttpStatusCode statusCode, string body)
    : Exception($"SendGrid answered {(int)statusCode}: {body}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}
