using System.Security.Cryptography;
using System.Text.Json;
using Commerce.Sandbox.Faults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Sandbox.SendGrid;

/// <summary>SendGrid's v3 mail send, the <c>/mail</c> pages, and the mail records for tests.</summary>
internal static class SendGridEndpoints
{
    public static IEndpointRouteBuilder MapSendGrid(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v3")
            .AddEndpointFilter(new FaultFilter(FaultTarget.SendGrid, (status, message) => Error(status, new SendGridError(message))))
            .MapPost("/mail/send", SendAsync);
        app.MapGet("/mail", ListMail);
        app.MapGet("/mail/{messageId}", ShowMessage);
        app.MapGet("/sandbox/mail", (string? orderId, string? eventId, MailOutbox mail) => TypedResults.Ok(mail.Find(orderId, eventId)));
        return app;
    }

    private static Results<ContentHttpResult, BadRequest<string>> ListMail(string? orderId, string? orderNumber, MailOutbox mail, int page = 1)
    {
        if (page < 1)
        {
            return TypedResults.BadRequest("page starts at 1");
        }

        var query = MailQuery.From(orderId, orderNumber);
        return TypedResults.Content(MailPage.Render(mail.Newest(query, page, MailPage.PageSize), query), "text/html; charset=utf-8");
    }

    private static Results<ContentHttpResult, NotFound> ShowMessage(string messageId, MailOutbox mail) =>
        mail.Get(messageId) is { } found ? TypedResults.Content(MessagePage.Render(found), "text/html; charset=utf-8") : TypedResults.NotFound();

    private static async Task<Results<Accepted, JsonHttpResult<SendGridErrors>>> SendAsync(HttpRequest request, MailOutbox outbox, TimeProvider time)
    {
        // Any bearer key will do: the sandbox has no accounts, but a client that sends none is misconfigured.
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length == "Bearer ".Length)
        {
            return Error(StatusCodes.Status401Unauthorized, new SendGridError("authorization required"));
        }

        MailSendRequest? mail;
        try
        {
            mail = await JsonSerializer.DeserializeAsync<MailSendRequest>(request.Body, MailSendRequest.JsonOptions, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, new SendGridError($"Bad Request: {e.Message}"));
        }

        if (mail is null)
        {
            return Error(StatusCodes.Status400BadRequest, new SendGridError("Bad Request: empty body"));
        }

        var errors = mail.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.Json(new SendGridErrors(errors), MailSendRequest.JsonOptions, statusCode: StatusCodes.Status400BadRequest);
        }

        var messageId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(11));
        var now = time.GetUtcNow();
        var text = mail.Content?.FirstOrDefault(c => c.Type == "text/plain")?.Value;
        var html = mail.Content?.FirstOrDefault(c => c.Type == "text/html")?.Value;
        foreach (var (p, index) in mail.Personalizations!.Select((p, i) => (p, i)))
        {
            // A personalization's custom_args override the message's, as SendGrid merges them.
            var customArgs = new Dictionary<string, string>(mail.CustomArgs ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in p.CustomArgs ?? new Dictionary<string, string>())
            {
                customArgs[key] = value;
            }

            outbox.Add(new SentMail(
                $"{messageId}.{index}",
                now,
                mail.From!.Email!,
                [.. p.To!.Select(a => a.Email!)],
                p.Subject ?? mail.Subject ?? "",
                text,
                html,
                customArgs,
                mail.Categories ?? []));
        }

        request.HttpContext.Response.Headers["X-Message-Id"] = messageId;
        return TypedResults.Accepted((string?)null);
    }

    private static JsonHttpResult<SendGridErrors> Error(int statusCode, SendGridError error) =>
        TypedResults.Json(new SendGridErrors([error]), MailSendRequest.JsonOptions, statusCode: statusCode);
}
