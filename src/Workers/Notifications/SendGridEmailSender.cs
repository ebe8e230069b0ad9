using System.Net;
using Commerce.Workers.Integrations;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Commerce.Workers.Notifications;

/// <summary>
/// <see cref="IEmailSender"/> on the SendGrid v3 client. SendGrid has no idempotency key, so each
/// message carries <c>custom_args</c> <c>order_id</c>, <c>order_number</c>, <c>event_type</c> and <c>event_id</c>: SendGrid
/// echoes them in its event webhook and the sandbox records them; keeping one email per (order, event)
/// is the caller's job. Transient failures (5xx, 429, timeouts, no connection) are retried by the
/// pipeline; anything else that is not 2xx fails at once. Either way the caller gets
/// <see cref="EmailProviderUnavailableException"/> and retries later. A failure is reported by its
/// status code only: SendGrid's error body can echo what was sent (addresses, content), and
/// exception messages travel on into MassTransit's logs and dead-letter headers (reliability plan S12).
/// SendGrid's activity feed holds the details.
/// </summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    public const string HttpClientName = "SendGrid";

    public const string PipelineName = "SendGrid";

    private readonly SendGridClient _client;
    private readonly EmailAddress _from;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<SendGridEmailSender> _logger;

    public SendGridEmailSender(
        IHttpClientFactory httpClients,
        IOptions<SendGridOptions> options,
        ResiliencePipelineProvider<string> pipelines,
        ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        var settings = options.Value;
        _client = new SendGridClient(
            httpClients.CreateClient(HttpClientName),
            new SendGridClientOptions { ApiKey = settings.ApiKey, Host = settings.Host.GetLeftPart(UriPartial.Authority) });
        _from = new EmailAddress(settings.FromEmail, settings.FromName);
        _pipeline = pipelines.GetPipeline(PipelineName);
        _logger = logger;
    }

    public async Task SendAsync(OrderEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = MailHelper.CreateSingleEmail(_from, new EmailAddress(email.To), email.Subject, email.Text, email.Html);
        message.AddCustomArgs(new Dictionary<string, string>
        {
            ["order_id"] = email.OrderId.ToString("D"),
            ["order_number"] = email.OrderNumber,
            ["event_type"] = email.EventType,
            ["event_id"] = email.EventId,
        });
        message.AddCategory("order-" + email.EventType);

        Response response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static async (state, ct) =>
                {
                    var answer = await state.Client.SendEmailAsync(state.Message, ct);
                    return IsTransientStatus(answer.StatusCode)
                        ? throw new SendGridTransientException(answer.StatusCode)
                        : answer;
                },
                (Client: _client, Message: message),
                cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransient(e))
        {
            LogUnavailable(_logger, e, email.EventType, email.OrderId);
            throw new EmailProviderUnavailableException($"SendGrid did not accept the {email.EventType} email of order {email.OrderId:D}: {e.Message}", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            LogRejected(_logger, email.EventType, email.OrderId, (int)response.StatusCode);
            throw new EmailProviderUnavailableException($"SendGrid answered {(int)response.StatusCode} to the {email.EventType} email of order {email.OrderId:D}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid is unavailable for the {EventType} email of order {OrderId}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string eventType, Guid orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid rejected the {EventType} email of order {OrderId} with {StatusCode}")]
    private static partial void LogRejected(ILogger logger, string eventType, Guid orderId, int statusCode);

    /// <summary>Worth retrying: 5xx, 429, 408, no answer, or the pipeline's own timeout or open circuit.</summary>
    public static bool IsTransient(Exception e) =>
        e is SendGridTransientException || ProviderPipeline.IsPipelineRejection(e) || ProviderPipeline.IsTransportFailure(e);

    private static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
}
