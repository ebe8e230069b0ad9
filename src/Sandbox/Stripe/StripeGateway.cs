using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commerce.Sandbox.Faults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Sandbox.Stripe;

/// <summary>
/// What every Stripe endpoint goes through, in Stripe's order: the API key, then the idempotency
/// key (replay, mismatch or a first run), then the operation; a drop-after-commit fault loses the
/// response only after the result is stored, so a retry with the same key gets the original.
/// </summary>
internal sealed class StripeGateway(IdempotencyStore keys, FaultSwitchboard faults)
{
    public async Task<ContentHttpResult> PostAsync(HttpContext http, Func<StripeCall, StripeReply> operation)
    {
        if (StripeApiKey.Read(http.Request) is not { } apiKey)
        {
            return Respond(http, Store(StripeApiKey.Unauthorized(http.Request)));
        }

        var form = await StripeForm.ReadAsync(http.Request, http.RequestAborted);
        var key = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } header ? header : null;
        var call = new StripeCall(apiKey, key, form);
        if (key is null)
        {
            return Committed(http, Execute(operation, call));
        }

        http.Response.Headers["Idempotency-Key"] = key;
        // Stripe compares the endpoint and the parameters, not the order the client sent them in.
        var fingerprint = $"{http.Request.Method} {http.Request.Path} {form.Fingerprint}";
        var claim = keys.Claim(apiKey, key, fingerprint);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Respond(http, claim.Stored!);
            case ClaimOutcome.Mismatch:
                return Respond(http, Store(StripeReply.Error(StatusCodes.Status400BadRequest, new("idempotency_error",
                    $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."))));
            case ClaimOutcome.InProgress:
                return Respond(http, Store(StripeReply.Error(StatusCodes.Status409Conflict, new("idempotency_error",
                    $"There is currently another in-progress request using this Stripe API key and idempotency key '{key}'. Please try again later."))));
        }

        StripeReply reply;
        try
        {
            reply = Execute(operation, call);
        }
        catch
        {
            keys.Release(apiKey, key);
            throw;
        }

        var stored = Store(reply);
        if (reply.IsStored)
        {
            keys.Complete(apiKey, key, stored);
        }
        else
        {
            keys.Release(apiKey, key);
        }

        return Committed(http, reply, stored);
    }

    public static ContentHttpResult Get(HttpContext http, Func<StripeReply> operation) =>
        StripeApiKey.Read(http.Request) is null
            ? Respond(http, Store(StripeApiKey.Unauthorized(http.Request)))
            : Respond(http, Store(operation()));

    private static StripeReply Execute(Func<StripeCall, StripeReply> operation, StripeCall call)
    {
        try
        {
            return operation(call);
        }
        catch (InvalidStripeRequestException invalid)
        {
            return invalid.Reply;
        }
    }

    private ContentHttpResult Committed(HttpContext http, StripeReply reply, StoredResponse? stored = null)
    {
        if (reply.IsStored && faults.DropAfterCommit(FaultTarget.Stripe))
        {
            return Respond(http, Store(StripeReply.ApiError(StatusCodes.Status500InternalServerError,
                "Sandbox fault: the request was processed but its response was dropped.")));
        }

        return Respond(http, stored ?? Store(reply));
    }

    private static StoredResponse Store(StripeReply reply) =>
        new(reply.StatusCode, JsonSerializer.Serialize(reply.Body, reply.Body.GetType(), StripeJson.Options));

    private static ContentHttpResult Respond(HttpContext http, StoredResponse response)
    {
        // Stripe.net reads Request-Id into StripeResponse.RequestId; every answer has its own, replays too.
        http.Response.Headers["Request-Id"] = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(7));
        return TypedResults.Text(response.Json, "application/json", Encoding.UTF8, response.StatusCode);
    }
}
