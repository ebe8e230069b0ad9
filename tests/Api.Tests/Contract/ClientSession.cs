using System.Net;

namespace Commerce.Api.Tests.Contract;

/// <summary>
/// One request of a client session: the operation it is (as the document names it) and the request
/// itself. <c>FollowsDocument</c> is false for a request the document itself refuses (malformed
/// JSON, a missing required header or token): a validating proxy answers those without asking the Api.
/// </summary>
public sealed record SessionCall(string Method, string Template, string Url, string? Token, string? Json, Action<HttpRequestMessage>? Adjust, bool FollowsDocument = true)
{
    public string Operation => $"{Method.ToLowerInvariant()} {Template}";
}

/// <summary>What the session met for one call: status, media type, body, and a validating proxy's <c>sl-violations</c> header.</summary>
public sealed record SessionAnswer(SessionCall Call, HttpStatusCode Status, string? MediaType, string Body, string? Violations);
