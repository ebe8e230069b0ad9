using Commerce.Api.Auth;
using Commerce.Api.Gateway;
using Commerce.Messaging.Configuration;
using Commerce.Operations.DeadLetters;
using Commerce.Persistence;
using Commerce.Persistence.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Operations;

/// <summary>
/// Dead-letter operations under <c>/admin/dead-letters</c> (admin only): list the <c>_error</c>
/// queues, show their messages without removing them, retry and discard (archive) without loss.
/// Every retry and discard is written to <c>dead_letter_actions</c> with the caller; retries run at
/// <see cref="DeadLetterOptions.RetryRatePerSecond"/>, and a peek cuts each body to
/// <see cref="DeadLetterMessage.MaxBodyBytes"/>.
/// </summary>
internal static class DeadLetterEndpoints
{
    private const int MaxLimit = 1000;
    private const int MaxIds = 10_000;

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<RabbitMqOptions>, OperationsUserValidator>();
        builder.Services.AddSingleton(sp => new ErrorQueueReplayer(sp.GetRequiredService<IOptions<RabbitMqOptions>>().Value));
        builder.Services.AddOptions<DeadLetterOptions>()
            .BindConfiguration(DeadLetterOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    public static RouteGroupBuilder MapOperations(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/dead-letters")
            .RequireAuthorization(CurrentUser.AdminPolicy)
            .WithTags(ApiTags.Operations)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        admin.MapGet("/", ListAsync).WithName("ListDeadLetterQueues").WithSummary("Every _error queue with its message count (admin).")
            .WithDescription("Read from RabbitMQ's management API; 503 when it does not answer.");
        admin.MapGet("/{queue}", ShowAsync).WithName("ShowDeadLetters").WithSummary("The first messages of an _error queue with their fault details, left in place (admin).")
            .WithDescription("Up to `limit` (default 50) messages with the exception that sent them there and their body; nothing is removed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{queue}/retry", RetryAsync)
            .Produces<RetryResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("RetryDeadLetters").WithSummary("Moves the selected messages back to their queue; no filter = all (admin).")
            .WithDescription("Select by `messageIds` or `exceptionType`, at most `max`; answers how many moved and how many remain.");
        admin.MapPost("/{queue}/discard", DiscardAsync)
            .Produces<DiscardResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("DiscardDeadLetters").WithSummary("Moves the selected messages to <queue>_archive, kept 14 days; no filter = all (admin).")
            .WithDescription("The same selection as retry; the archive keeps them for 14 days in case a discard was a mistake.");
        return v1;
    }

    private static async Task<Results<Ok<List<QueueCount>>, ProblemHttpResult>> ListAsync(ErrorQueueReplayer replayer, CancellationToken cancellationToken)
    {
        try
        {
            var queues = await replayer.ListAsync(cancellationToken);
            return TypedResults.Ok(queues.Select(q => new QueueCount(q.Queue, q.Count)).ToList());
        }
        catch (HttpRequestException)
        {
            return BrokerUnavailable();
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<DeadLetterMessage>>, ValidationProblem, ProblemHttpResult>> ShowAsync(
        string queue, int? limit, ErrorQueueReplayer replayer, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}"] });
        }

        if (NotAnErrorQueue(queue) is { } invalid)
        {
            return invalid;
        }

        try
        {
            return TypedResults.Ok(await replayer.PeekAsync(queue, limit ?? 50, cancellationToken));
        }
        catch (HttpRequestException)
        {
            return BrokerUnavailable();
        }
    }

    private static async Task<IResult> RetryAsync(
        string queue, DeadLetterRequest? request, HttpContext http, ErrorQueueReplayer replayer, CommerceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rate = http.RequestServices.GetRequiredService<IOptions<DeadLetterOptions>>().Value.RetryRatePerSecond;
        var outcome = await RunAsync(DeadLetterAction.Retry, queue, request, http, db, clock, new DeadLetterRunOptions { RatePerSecond = rate },
            (selection, run, ct) => replayer.RetryAsync(queue, selection, run, ct), cancellationToken);
        return outcome.Result is { } result ? TypedResults.Ok(new RetryResponse(result.Moved, result.Remaining)) : outcome.Error!;
    }

    private static async Task<IResult> DiscardAsync(
        string queue, DeadLetterRequest? request, HttpContext http, ErrorQueueReplayer replayer, CommerceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await RunAsync(DeadLetterAction.Discard, queue, request, http, db, clock, new DeadLetterRunOptions(),
            (selection, run, ct) => replayer.DiscardAsync(queue, selection, run, retention: null, ct), cancellationToken);
        return outcome.Result is { } result ? TypedResults.Ok(new DiscardResponse(result.Moved, result.Remaining)) : outcome.Error!;
    }

    private static async Task<(DeadLetterResult? Result, IResult? Error)> RunAsync(
        string action,
        string queue,
        DeadLetterRequest? request,
        HttpContext http,
        CommerceDbContext db,
        TimeProvider clock,
        DeadLetterRunOptions runOptions,
        Func<DeadLetterSelection, DeadLetterRunOptions, CancellationToken, Task<DeadLetterResult>> move,
        CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(request?.MessageIds is null || request.MessageIds.Count <= MaxIds, "messageIds", $"at most {MaxIds} message ids")
            .Check(request?.MessageIds is null || request.MessageIds.All(id => !string.IsNullOrWhiteSpace(id) && id.Length <= 100), "messageIds", "message ids must be non-empty, at most 100 characters")
            .Check(request?.Max is null or (>= 1 and <= MaxLimit), "max", $"max must be between 1 and {MaxLimit}")
            .Check(request?.ExceptionType is null || request.ExceptionType.Length <= 500, "exceptionType", "exceptionType is at most 500 characters");
        if (!validation.IsValid)
        {
            return (null, TypedResults.ValidationProblem(validation.Errors));
        }

        if (NotAnErrorQueue(queue) is { } invalid)
        {
            return (null, invalid);
        }

        var actor = await ActorAsync(http, db, cancellationToken);
        var selection = new DeadLetterSelection(request?.MessageIds, request?.ExceptionType, request?.Max);
        var options = http.RequestServices.GetRequiredService<DbContextOptions<CommerceDbContext>>();
        var entry = new DeadLetterAuditEntry(actor, action, queue, clock.GetUtcNow());
        try
        {
            // Not the request's token: a client that hangs up must not stop a move half-way through its audit.
            var result = await DeadLetterAuditTrail.MoveAsync(() => new CommerceDbContext(options), entry, runOptions, run => move(selection, run, CancellationToken.None));
            return (result, null);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return (null, TypedResults.Problem(title: $"Queue '{queue}' not found", statusCode: StatusCodes.Status404NotFound));
        }
        catch (Exception e) when (e is BrokerUnreachableException or InvalidOperationException or OperationInterruptedException or HttpRequestException)
        {
            return (null, TypedResults.Problem(title: "The move stopped", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable));
        }
    }

    private static async Task<string> ActorAsync(HttpContext http, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var id = http.User.GetUserId();
        var email = await db.Users.Where(u => u.Id == id).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return $"{email ?? "unknown"} ({id})";
    }

    private static ProblemHttpResult? NotAnErrorQueue(string queue)
    {
        try
        {
            ErrorQueueReplayer.EnsureErrorQueue(queue);
            return null;
        }
        catch (InvalidDeadLetterRequestException e)
        {
            return TypedResults.Problem(title: "Not an _error queue", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static ProblemHttpResult BrokerUnavailable() =>
        TypedResults.Problem(title: "RabbitMQ management API unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);

    internal sealed record QueueCount(string Queue, long Count);

    internal sealed record DeadLetterRequest(IReadOnlyCollection<string>? MessageIds, string? ExceptionType, int? Max);

    internal sealed record RetryResponse(int Retried, long Remaining);

    internal sealed record DiscardResponse(int Discarded, long Remaining);
}
