using Commerce.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Commerce.Api.OpenApi;

/// <summary>
/// Declares on every operation the errors the gateway and the framework can answer whatever the
/// handler does (401 and 403 from authorization, 429 from the global limit, 400/413/415 for a
/// body, 404 for a route value routing refuses), and gives every error response the problem
/// schema and a description. A handler declares its own errors (409, 404 with a reason, 503…) with
/// <c>ProducesProblem</c>; a typed result such as <c>NotFound</c> declares the status without a body, and
/// the problem+json body the status-code pages write is added here.
/// </summary>
internal sealed class ErrorResponses : IOpenApiOperationTransformer
{
    public const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["400"] = "The request is invalid: malformed JSON, a value of the wrong type, or a field that fails validation (`errors` by field).",
        ["401"] = "No valid access token (or, on login and refresh, wrong credentials).",
        ["403"] = "The token is valid but lacks the admin role.",
        ["404"] = "Nothing found at this address, or an order that is not the caller's.",
        ["409"] = "The request conflicts with the current state of the resource.",
        ["413"] = "The request body is larger than 64 KiB.",
        ["415"] = "The request body is not `application/json`.",
        ["429"] = "Too many requests; wait the seconds in `Retry-After`.",
        ["503"] = "A service the request needs is unavailable; try again after `Retry-After` seconds (with the same Idempotency-Key for a checkout).",
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        var implied = new List<int> { StatusCodes.Status429TooManyRequests };
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            implied.Add(StatusCodes.Status401Unauthorized);
        }

        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == CurrentUser.AdminPolicy))
        {
            implied.Add(StatusCodes.Status403Forbidden);
        }

        var sources = description.ParameterDescriptions.Select(p => p.Source).ToList();
        if (sources.Contains(BindingSource.Body))
        {
            implied.AddRange([StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        }

        if (sources.Contains(BindingSource.Query))
        {
            implied.Add(StatusCodes.Status400BadRequest);
        }

        if (sources.Contains(BindingSource.Path))
        {
            implied.Add(StatusCodes.Status404NotFound);
        }

        foreach (var status in implied.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            operation.Responses.TryAdd(status, new OpenApiResponse());
        }

        var problem = await ReferenceAsync<ProblemDetails>(context, cancellationToken);
        var validationProblem = await ReferenceAsync<HttpValidationProblemDetails>(context, cancellationToken);
        foreach (var (status, response) in operation.Responses.Where(r => r.Key.Length == 3 && r.Key[0] is '4' or '5').ToList())
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Description = Descriptions.GetValueOrDefault(status, concrete.Description ?? status);
            // Whatever the handler's metadata said, an error is problem+json (the writer ignores Accept).
            var schema = status == "400" ? validationProblem : problem;
            concrete.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [ProblemJson] = new() { Schema = schema } };
            if (status is "429" or "503")
            {
                concrete.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                    },
                };
            }
        }
    }

    private static async Task<IOpenApiSchema> ReferenceAsync<T>(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var name = typeof(T).Name;
        var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
        context.Document!.AddComponent(name, schema);
        return new OpenApiSchemaReference(name, context.Document);
    }
}
