using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Commerce.Api.Gateway;

/// <summary>
/// Turns the exceptions that mean "not the server's fault" or "try again soon" into their status
/// codes as problem+json, instead of the generic 500 of the exception handler; a request the
/// framework could not bind gets a <c>detail</c> (and <c>errors</c>) saying what was wrong.
/// </summary>
internal sealed class GatewayExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before trying again after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            DependencyUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable"),
            // Kestrel's body-size limit (chunked bodies without Content-Length) and malformed requests.
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request"),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails { Status = status, Title = title };
        if (exception is BadHttpRequestException badRequest)
        {
            var (detail, errors) = BadRequestDetail.Describe(badRequest);
            problem = errors is null ? problem : new HttpValidationProblemDetails(errors) { Status = status, Title = title };
            problem.Detail = detail;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}
