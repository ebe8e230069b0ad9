using Commerce.Api.Auth;

namespace Commerce.Api.OpenApi;

internal static class ApiDocumentExtensions
{
    /// <summary>The contract document at <c>/openapi/v1.json</c> (served in Development, docs/adr/0035).</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options => options
        .AddBearerSecurityScheme()
        .AddDocumentTransformer<DocumentOverview>()
        .AddOperationTransformer<ErrorResponses>()
        .AddSchemaTransformer<ContractSchemas>());
}
