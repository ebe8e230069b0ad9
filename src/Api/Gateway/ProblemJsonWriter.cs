using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Gateway;

/// <summary>
/// Writes a problem as <c>application/problem+json</c> whatever the request's <c>Accept</c> says.
/// The framework's writer only answers clients that accept JSON, and the status-code pages then
/// fall back to a line of text/plain; a client of the event stream (<c>Accept: text/event-stream</c>)
/// or a browser would get an error without its title. Registered after the framework's writer, so
/// it only writes what that one declines.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem,
            problem.GetType(),
            jsonOptions.Value.SerializerOptions,
            "application/problem+json",
            context.HttpContext.RequestAborted));
    }
}
