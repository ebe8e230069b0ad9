using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Sandbox.Faults;

/// <summary>The switches tests turn, under <c>/sandbox</c>: faults per target and a reset of everything recorded.</summary>
internal static class SandboxEndpoints
{
    public static IEndpointRouteBuilder MapSandboxControls(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox");
        sandbox.MapGet("/faults", (FaultSwitchboard faults) =>
            TypedResults.Ok(faults.All().ToDictionary(f => Name(f.Key), f => f.Value)));
        sandbox.MapPut("/faults/{target}", SetFault);
        sandbox.MapDelete("/faults", (FaultSwitchboard faults) =>
        {
            faults.Reset();
            return TypedResults.NoContent();
        });
        sandbox.MapPost("/reset", (IEnumerable<IResettable> records) =>
        {
            foreach (var record in records)
            {
                record.Reset();
            }

            return TypedResults.NoContent();
        });
        return app;
    }

    private static Results<Ok<FaultSettings>, ProblemHttpResult, ValidationProblem> SetFault(string target, FaultRequest request, FaultSwitchboard faults)
    {
        if (!TryParseTarget(target, out var parsed))
        {
            return TypedResults.Problem($"Unknown target '{target}': use stripe, sendgrid or warehouse.", statusCode: StatusCodes.Status404NotFound);
        }

        var (settings, errors) = request.Validate(parsed);
        if (settings is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        faults.Set(parsed, settings);
        return TypedResults.Ok(settings);
    }

    // Only the lower-case names: "1" or "Stripe" in a URL are more likely mistakes than intent.
    private static bool TryParseTarget(string value, out FaultTarget target)
    {
        foreach (var candidate in Enum.GetValues<FaultTarget>())
        {
            if (string.Equals(Name(candidate), value, StringComparison.Ordinal))
            {
                target = candidate;
                return true;
            }
        }

        target = default;
        return false;
    }

    private static string Name(FaultTarget target) => target.ToString().ToLowerInvariant();
}
