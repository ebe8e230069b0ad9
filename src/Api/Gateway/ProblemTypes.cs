using System.Diagnostics;
using System.Globalization;

namespace Commerce.Api.Gateway;

/// <summary>
/// The <c>type</c> URI of every problem the Api answers, by status: the section of the RFC that
/// defines the status (the framework's own choice for the statuses it knows, extended to the ones
/// it leaves without a type, such as 413 and 429). docs/api/problems.md lists them; a test keeps
/// the two equal. Also adds the <c>traceId</c> where the writer has not.
/// </summary>
internal static class ProblemTypes
{
    public static IReadOnlyDictionary<int, string> ByStatus { get; } = new Dictionary<int, string>
    {
        [StatusCodes.Status400BadRequest] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [StatusCodes.Status401Unauthorized] = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        [StatusCodes.Status403Forbidden] = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        [StatusCodes.Status404NotFound] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [StatusCodes.Status405MethodNotAllowed] = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        [StatusCodes.Status409Conflict] = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        [StatusCodes.Status413PayloadTooLarge] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [StatusCodes.Status415UnsupportedMediaType] = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        [StatusCodes.Status429TooManyRequests] = "https://tools.ietf.org/html/rfc6585#section-4",
        [StatusCodes.Status500InternalServerError] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        [StatusCodes.Status503ServiceUnavailable] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    };

    /// <summary>For <c>ProblemDetailsOptions.CustomizeProblemDetails</c>: runs for every problem any writer writes.</summary>
    public static void Apply(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (ByStatus.TryGetValue(status, out var type))
        {
            problem.Type = type;
        }

        problem.Title ??= ReasonPhrase(status);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? phrase
            : status.ToString(CultureInfo.InvariantCulture);
}
