using Microsoft.OpenApi;

namespace Commerce.Api.OpenApi;

/// <summary>Pieces of operation documentation the framework cannot infer from a handler's signature.</summary>
internal static class OperationDocs
{
    /// <summary>Marks a header parameter the handler reads as nullable (to answer its absence itself) as required, with a description.</summary>
    public static void RequireHeader(OpenApiOperation operation, string name, string description, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var parameter = operation.Parameters?.OfType<OpenApiParameter>().SingleOrDefault(p => p.In == ParameterLocation.Header && p.Name == name);
        if (parameter is null)
        {
            parameter = new OpenApiParameter { Name = name, In = ParameterLocation.Header };
            operation.Parameters ??= [];
            operation.Parameters.Add(parameter);
        }

        parameter.Required = true;
        parameter.Description = description;
        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = maxLength };
    }

    /// <summary>The <c>Location</c> header of a 202 or 201: where the created or accepted resource can be read.</summary>
    public static void LocationHeader(OpenApiOperation operation, string status, string description) =>
        ResponseHeader(operation, status, "Location", description, new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" });

    /// <summary>A header every <paramref name="status"/> answer of the operation carries.</summary>
    public static void ResponseHeader(OpenApiOperation operation, string status, string name, string description, OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Responses?.GetValueOrDefault(status) is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            response.Headers[name] = new OpenApiHeader { Description = description, Required = true, Schema = schema };
        }
    }
}
