using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Commerce.Api.OpenApi;

/// <summary>
/// The document's front matter: what the API is, whom to ask, the capability tags with their
/// descriptions, and servers without the trailing slash the framework writes (a client generator
/// joins it to paths that start with one, giving <c>//api/v1/…</c>).
/// </summary>
internal sealed class DocumentOverview : IOpenApiDocumentTransformer
{
    public const string Title = "Commerce.Messaging API";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = "v1",
            Description = """
                The HTTP API of the Commerce.Messaging shop: catalog, cart, checkout and orders for customers,
                catalog administration and dead-letter operations for admins.

                A checkout is accepted at once (202 with a `Location` header) and carried out asynchronously;
                follow the order at `GET /api/v1/orders/{id}` or live at `GET /api/v1/orders/{id}/events`.
                Most routes need a bearer token from `POST /api/v1/auth/login`.
                Every error is `application/problem+json` (RFC 9457) with a `type` URI, a `title`, often a
                `detail`, `errors` by field for a 400, and the `traceId` to quote when asking for help.
                """,
            Contact = new OpenApiContact { Name = "Commerce.Messaging maintainers" },
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>(ApiTags.All.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        return Task.CompletedTask;
    }
}
