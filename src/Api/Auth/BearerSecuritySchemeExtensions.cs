using Microsoft.AspNetCore.OpenApi;

namespace Commerce.Api.Auth;

internal static class BearerSecuritySchemeExtensions
{
    public static OpenApiOptions AddBearerSecurityScheme(this OpenApiOptions options) => options
        .AddDocumentTransformer<BearerSecurityScheme>()
        .AddOperationTransformer<BearerSecurityScheme>();
}
