using Commerce.Sandbox.Faults;

namespace Commerce.Sandbox.Stripe;

/// <summary>
/// The PaymentIntents and Refunds the sandbox has made, and Stripe's rules for changing them. One
/// lock guards both collections, so a refund and the PaymentIntent it draws on change together.
/// </summary>
internal sealed class PaymentLedger(TimeProvider time) : IResettable
{
    private static readonly string[] CaptureMethods = ["automatic", "automatic_async", "manual"];
    private static readonly string[] CancellationReasons = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"];
    private static readonly string[] RefundReasons = ["duplicate", "fraudulent", "requested_by_customer"];
    private static readonly string[] Confirmable = ["requires_payment_method", "requires_confirmation"];
    private static readonly string[] Cancellable = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];

    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, StripePaymentIntent> _intents = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, StripeRefund> _refunds = new(StringComparer.Ordinal);

    public StripeReply CreatePaymentIntent(StripeCall call)
    {
        var form = call.Form;
        var amount = form.Long("amount") ?? throw StripeForm.Invalid("Missing required param: amount.", "parameter_missing", "amount");
        if (amount < 1)
        {
            throw StripeForm.Invalid("Amount must be at least 1.", "amount_too_small", "amount");
        }

        var currency = form.RequiredText("currency").ToLowerInvariant();
        var captureMethod = form.OneOf("capture_method", CaptureMethods) ?? "automatic_async";
        var confirm = form.Bool("confirm") ?? false;
        var paymentMethod = KnownPaymentMethod(form);
        if (confirm && paymentMethod is null)
        {
            throw StripeForm.Invalid("You cannot confirm this PaymentIntent because it's missing a payment method.", "parameter_missing", "payment_method");
        }

        var id = StripeIds.New("pi");
        var intent = new StripePaymentIntent
        {
            Id = id,
            Amount = amount,
            Currency = currency,
            Status = paymentMethod is null ? "requires_payment_method" : "requires_confirmation",
            CaptureMethod = captureMethod,
            PaymentMethod = paymentMethod,
            Metadata = form.Metadata(),
            Description = form.Text("description"),
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            ClientSecret = $"{id}_secret_{StripeIds.New("cs")[3..]}",
            IdempotencyKey = call.IdempotencyKey,
        };
        lock (_gate)
        {
            _intents[id] = intent;
            return confirm ? Charge(intent, paymentMethod!) : StripeReply.Ok(intent);
        }
    }

    public StripeReply ConfirmPaymentIntent(string id, StripeCall call)
    {
        var requested = KnownPaymentMethod(call.Form);
        lock (_gate)
        {
            if (!_intents.TryGetValue(id, out var intent))
            {
                return StripeReply.Missing("payment_intent", id, "intent");
            }

            if (!Confirmable.Contains(intent.Status))
            {
                return StripeReply.UnexpectedState($"You cannot confirm this PaymentIntent because it has a status of {intent.Status}.");
            }

            return (requested ?? intent.PaymentMethod) is { } paymentMethod
                ? Charge(intent, paymentMethod)
                : StripeReply.Invalid("You cannot confirm this PaymentIntent because it's missing a payment method.", "parameter_missing", "payment_method");
        }
    }

    public StripeReply CapturePaymentIntent(string id, StripeCall call)
    {
        var amountToCapture = call.Form.Long("amount_to_capture");
        lock (_gate)
        {
            if (!_intents.TryGetValue(id, out var intent))
            {
                return StripeReply.Missing("payment_intent", id, "intent");
            }

            if (intent.Status != "requires_capture")
            {
                return StripeReply.UnexpectedState($"This PaymentIntent could not be captured because it has a status of {intent.Status}. Only a PaymentIntent with status requires_capture can be captured.");
            }

            var captured = amountToCapture ?? intent.AmountCapturable;
            if (captured < 1 || captured > intent.AmountCapturable)
            {
                return StripeReply.Invalid($"The amount to capture ({captured}) must be between 1 and the capturable amount ({intent.AmountCapturable}).", "amount_too_large", "amount_to_capture");
            }

            return Save(intent with { Status = "succeeded", AmountReceived = captured, AmountCapturable = 0 });
        }
    }

    public StripeReply CancelPaymentIntent(string id, StripeCall call)
    {
        var reason = call.Form.OneOf("cancellation_reason", CancellationReasons);
        lock (_gate)
        {
            if (!_intents.TryGetValue(id, out var intent))
            {
                return StripeReply.Missing("payment_intent", id, "intent");
            }

            if (!Cancellable.Contains(intent.Status))
            {
                return StripeReply.UnexpectedState(
                    $"You cannot cancel this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be canceled: {string.Join(", ", Cancellable)}.");
            }

            return Save(intent with
            {
                Status = "canceled",
                AmountCapturable = 0,
                CanceledAt = time.GetUtcNow().ToUnixTimeSeconds(),
                CancellationReason = reason,
            });
        }
    }

    public StripeReply GetPaymentIntent(string id)
    {
        lock (_gate)
        {
            return _intents.TryGetValue(id, out var intent) ? StripeReply.Ok(intent) : StripeReply.Missing("payment_intent", id, "intent");
        }
    }

    public StripeReply CreateRefund(StripeCall call)
    {
        var form = call.Form;
        var intentId = form.Text("payment_intent");
        var chargeId = form.Text("charge");
        var requested = form.Long("amount");
        var reason = form.OneOf("reason", RefundReasons);
        var metadata = form.Metadata();
        if (intentId is null && chargeId is null)
        {
            throw StripeForm.Invalid("One of the following params should be provided for this request: payment_intent or charge.", "parameter_missing", "payment_intent");
        }

        lock (_gate)
        {
            var intent = intentId is not null
                ? _intents.GetValueOrDefault(intentId)
                : _intents.Values.FirstOrDefault(i => i.LatestCharge == chargeId && i.AmountReceived > 0);
            if (intent is null)
            {
                return intentId is not null ? StripeReply.Missing("payment_intent", intentId, "payment_intent") : StripeReply.Missing("charge", chargeId!, "charge");
            }

            if (intent.Status != "succeeded")
            {
                return StripeReply.UnexpectedState($"This PaymentIntent does not have a successful charge to refund (status {intent.Status}).");
            }

            var refundable = intent.AmountReceived - intent.AmountRefunded;
            if (refundable == 0)
            {
                return StripeReply.Invalid($"Charge {intent.LatestCharge} has already been refunded.", "charge_already_refunded");
            }

            var amount = requested ?? refundable;
            if (amount < 1 || amount > refundable)
            {
                return StripeReply.Invalid($"Refund amount ({amount}) is greater than unrefunded amount on charge ({refundable}).", "amount_too_large", "amount");
            }

            var refund = new StripeRefund
            {
                Id = StripeIds.New("re"),
                Amount = amount,
                Currency = intent.Currency,
                Status = "succeeded",
                PaymentIntent = intent.Id,
                Charge = intent.LatestCharge,
                Reason = reason,
                Metadata = metadata,
                Created = time.GetUtcNow().ToUnixTimeSeconds(),
                OrderId = metadata.GetValueOrDefault("order_id") ?? intent.OrderId,
                IdempotencyKey = call.IdempotencyKey,
            };
            _refunds[refund.Id] = refund;
            _intents[intent.Id] = intent with { AmountRefunded = intent.AmountRefunded + amount };
            return StripeReply.Ok(refund);
        }
    }

    public StripeReply GetRefund(string id)
    {
        lock (_gate)
        {
            return _refunds.TryGetValue(id, out var refund) ? StripeReply.Ok(refund) : StripeReply.Missing("refund", id, "id");
        }
    }

    public IReadOnlyList<StripePaymentIntent> PaymentIntents(string? orderId)
    {
        lock (_gate)
        {
            return [.. _intents.Values.Where(i => orderId is null || i.OrderId == orderId)];
        }
    }

    public IReadOnlyList<StripeRefund> Refunds(string? orderId)
    {
        lock (_gate)
        {
            return [.. _refunds.Values.Where(r => orderId is null || r.OrderId == orderId)];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _intents.Clear();
            _refunds.Clear();
        }
    }

    private static string? KnownPaymentMethod(StripeForm form) => form.Text("payment_method") switch
    {
        null => null,
        var id when TestPaymentMethods.IsKnown(id) => id,
        var id => throw StripeForm.Invalid($"No such PaymentMethod: '{id}'", "resource_missing", "payment_method"),
    };

    // Caller holds the lock. A decline leaves the PaymentIntent waiting for another payment method, with
    // the failed charge and the error on it, and answers 402 with the error — Stripe's shape for both.
    private StripeReply Charge(StripePaymentIntent intent, string paymentMethod)
    {
        var charge = StripeIds.New("ch");
        if (TestPaymentMethods.DeclineFor(paymentMethod) is { } decline)
        {
            var error = new StripeErrorDetail("card_error", decline.Message) { Code = "card_declined", DeclineCode = decline.DeclineCode, Charge = charge };
            var declined = intent with { Status = "requires_payment_method", PaymentMethod = null, LatestCharge = charge, LastPaymentError = error };
            _intents[intent.Id] = declined;
            return StripeReply.Error(StatusCodes.Status402PaymentRequired, error with { PaymentIntent = declined });
        }

        return Save(intent.CaptureMethod == "manual"
            ? intent with { Status = "requires_capture", PaymentMethod = paymentMethod, AmountCapturable = intent.Amount, LatestCharge = charge, LastPaymentError = null }
            : intent with { Status = "succeeded", PaymentMethod = paymentMethod, AmountReceived = intent.Amount, LatestCharge = charge, LastPaymentError = null });
    }

    // Caller holds the lock.
    private StripeReply Save(StripePaymentIntent intent)
    {
        _intents[intent.Id] = intent;
        return StripeReply.Ok(intent);
    }
}
