using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Commerce.Api.Auth;

/// <summary>
/// Describes the JWT bearer authentication of <see cref="AuthSetup"/> in the OpenAPI document: the
/// scheme under <c>components.securitySchemes</c> (a document transformer), and a requirement of it
/// on every operation whose endpoint does not allow anonymous callers (the fallback policy of
/// <see cref="AuthenticatedByDefault"/> closes the rest; an operation transformer), so clients and the Scalar page know which calls need a token;
/// an anonymous operation says <c>security: []</c>, so no linter or reader takes it for one that forgot.
/// Operation transformers run before document transformers; a requirement only names the scheme,
/// and Microsoft.OpenApi 2 leaves out a requirement whose scheme is not in the document, so the
/// two halves go together.
/// </summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The scheme's key in the document: the authentication scheme's own name, <c>Bearer</c>.</summary>
    public const string Name = JwtBearerDefaults.AuthenticationScheme;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.AddComponent<IOpenApiSecurityScheme>(Name, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access token from POST /api/v1/auth/login or /api/v1/auth/refresh, sent as `Authorization: Bearer <token>`.",
        });
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Security ??= [];
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }
}
