using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Stripe;

namespace Commerce.Workers.Payments;

/// <summary>
/// <see cref="IPaymentGateway"/> on Stripe.net. A charge is one PaymentIntent created and confirmed
/// in one call, under the caller's idempotency key, so however often it is retried (by the pipeline
/// here or by the caller later) Stripe charges at most once and replays the first answer.
/// Stripe.net's own retries are off (<c>maxNetworkRetries: 0</c>): every retry is the pipeline's,
/// visible and bounded. A decline is an answer, and so is a request Stripe refuses outright (an
/// unknown payment method): asking again can never succeed, so the order fails with Stripe's reason
/// instead of its message waiting in a dead-letter queue (docs/adr/0037). An outage throws
/// <see cref="PaymentProviderUnavailableException"/>.
/// </summary>
public sealed partial class StripePaymentGateway : IPaymentGateway
{
    /// <summary>The named <see cref="HttpClient"/> Stripe.net sends through.</summary>
    public const string HttpClientName = "Stripe";

    /// <summary>The key of the Polly pipeline in the registry.</summary>
    public const string PipelineName = "Stripe";

    private readonly PaymentIntentService _intents;
    private readonly RefundService _refunds;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<StripePaymentGateway> _logger;

    public StripePaymentGateway(
        IHttpClientFactory httpClients,
        IOptions<StripeOptions> options,
        ResiliencePipelineProvider<string> pipelines,
        ILogger<StripePaymentGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        var settings = options.Value;
        var client = new StripeClient(
            settings.ApiKey,
            httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName), maxNetworkRetries: 0, enableTelemetry: false),
            apiBase: settings.ApiBase.GetLeftPart(UriPartial.Authority));
        _intents = new PaymentIntentService(client);
        _refunds = new RefundService(client);
        _pipeline = pipelines.GetPipeline(PipelineName);
        _logger = logger;
    }

    public async Task<PaymentOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var create = new PaymentIntentCreateOptions
        {
            Amount = request.AmountMinor,
            Currency = request.Currency.ToLowerInvariant(),
            PaymentMethod = request.PaymentMethod,
            Confirm = true,
            // Confirmed on the server with no customer present: no redirect-based methods, and a
            // required customer action (3-D Secure) fails the attempt as a card error instead of waiting.
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
            ErrorOnRequiresAction = true,
            Description = $"Order {request.OrderId:D}",
            Metadata = new Dictionary<string, string> { ["order_id"] = request.OrderId.ToString("D") },
        };
        var requestOptions = new RequestOptions { IdempotencyKey = request.IdempotencyKey };

        try
        {
            var intent = await _pipeline.ExecuteAsync(
                static async (state, ct) => await StripeAnswerException.From(state.Service.CreateAsync(state.Create, state.RequestOptions, ct)),
                (Service: _intents, Create: create, RequestOptions: requestOptions),
                cancellationToken);

            // A replayed answer is the first one; a payment that was still processing then may have finished since.
            if (intent.Status == "processing")
            {
                intent = await _pipeline.ExecuteAsync(
                    static async (state, ct) => await StripeAnswerException.From(state.Service.GetAsync(state.Id, cancellationToken: ct)),
                    (Service: _intents, intent.Id),
                    cancellationToken);
            }

            return intent.Status switch
            {
                "succeeded" => new PaymentOutcome.Captured(intent.Id, intent.AmountReceived),
                "requires_payment_method" or "requires_action" or "canceled" => new PaymentOutcome.Declined(
                    intent.LastPaymentError?.Code ?? "card_declined",
                    intent.LastPaymentError?.Message ?? $"The payment ended in status {intent.Status}."),
                _ => throw new PaymentProviderUnavailableException(
                    $"Stripe left PaymentIntent {intent.Id} of order {request.OrderId:D} in status {intent.Status}; retry later with the same idempotency key."),
            };
        }
        catch (StripeAnswerException e) when (IsCardError(e))
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                LogDeclined(_logger, request.OrderId, e.Error?.Code, e.Error?.DeclineCode);
            }

            return new PaymentOutcome.Declined(e.Error?.Code ?? "card_declined", e.Error?.Message ?? e.Message);
        }
        catch (StripeAnswerException e) when (IsPermanentRefusal(e))
        {
            LogRefused(_logger, request.OrderId, (int)e.StatusCode, e.Error?.Code, e.Error?.Param);
            return new PaymentOutcome.Declined(e.Error?.Code ?? "invalid_request", e.Error?.Message ?? e.Message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransient(e))
        {
            LogUnavailable(_logger, e, "charge", request.OrderId);
            throw new PaymentProviderUnavailableException($"Stripe could not take the payment of order {request.OrderId:D} now: {e.Message}", e);
        }
    }

    public async Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var create = new RefundCreateOptions
        {
            PaymentIntent = request.PaymentIntentId,
            Amount = request.AmountMinor,
            Metadata = new Dictionary<string, string> { ["order_id"] = request.OrderId.ToString("D") },
        };
        var requestOptions = new RequestOptions { IdempotencyKey = request.IdempotencyKey };

        try
        {
            var refund = await _pipeline.ExecuteAsync(
                static async (state, ct) => await StripeAnswerException.From(state.Service.CreateAsync(state.Create, state.RequestOptions, ct)),
                (Service: _refunds, Create: create, RequestOptions: requestOptions),
                cancellationToken);
            return new RefundOutcome(refund.Id, refund.Amount);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransient(e))
        {
            LogUnavailable(_logger, e, "refund", request.OrderId);
            throw new PaymentProviderUnavailableException($"Stripe could not refund order {request.OrderId:D} now: {e.Message}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe declined the charge of order {OrderId}: {Code} ({DeclineCode})")]
    private static partial void LogDeclined(ILogger logger, Guid orderId, string? code, string? declineCode);

    // A warning, not information: a refusal that is not the customer's payment method is a bug of ours.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe refused the charge of order {OrderId} with {StatusCode}: {Code} (parameter {Param})")]
    private static partial void LogRefused(ILogger logger, Guid orderId, int statusCode, string? code, string? param);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe is unavailable for the {Operation} of order {OrderId}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string operation, Guid orderId);

    /// <summary>A card decline (402, <c>card_error</c>): an answer, never retried.</summary>
    public static bool IsCardError(StripeAnswerException e) =>
        e?.Error?.Type == "card_error" || e?.StatusCode == HttpStatusCode.PaymentRequired;

    /// <summary>
    /// Stripe refused the request itself (400 or 404 <c>invalid_request_error</c>, such as
    /// <c>resource_missing</c> for an unknown payment method): the same request can never succeed.
    /// A 401 or 403 is the system's credentials, not the order, and stays an error.
    /// </summary>
    public static bool IsPermanentRefusal(StripeAnswerException e) =>
        e?.Error?.Type == "invalid_request_error" && e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound;

    /// <summary>
    /// Worth retrying with the same idempotency key: Stripe's 5xx, 409 (the same key still in flight)
    /// and 429 (rate limited), a request that got no answer, and the pipeline's own timeout or open circuit.
    /// A 400/401/403/404 is a bug or a configuration error and is not.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        StripeAnswerException s when IsCardError(s) => false,
        StripeAnswerException { StatusCode: HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests } => true,
        StripeAnswerException s when (int)s.StatusCode >= 500 => true,
        // No HTTP answer at all: the transport's exception, which Stripe.net wrapped.
        StripeAnswerException { StatusCode: 0, InnerException: { } inner } => IsTransient(inner) || inner is OperationCanceledException,
        _ => Integrations.ProviderPipeline.IsPipelineRejection(e) || Integrations.ProviderPipeline.IsTransportFailure(e),
    };
}
