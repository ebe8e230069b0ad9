namespace Commerce.Sandbox.Faults;

/// <summary>
/// Applies a target's fault switch before its endpoint runs: a failed request never reaches the
/// stand-in's logic, so nothing is recorded and nothing is stored under an idempotency key — a
/// retry with the same key then runs for real, as it would after a load balancer's error.
/// </summary>
/// <param name="target">Whose switch applies.</param>
/// <param name="errorBody">The provider-shaped error response for a status code and message.</param>
internal sealed class FaultFilter(FaultTarget target, Func<int, string, IResult> errorBody) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var (outcome, settings) = http.RequestServices.GetRequiredService<FaultSwitchboard>().Draw(target);
        switch (outcome)
        {
            case FaultOutcome.Error:
                return errorBody(StatusCodes.Status500InternalServerError, $"Sandbox fault: {target} returned an injected server error.");
            case FaultOutcome.Down:
                return errorBody(StatusCodes.Status503ServiceUnavailable, $"Sandbox fault: {target} is down.");
            case FaultOutcome.Timeout:
                var time = http.RequestServices.GetRequiredService<TimeProvider>();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(settings.TimeoutSeconds), time, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up first, which is what a timeout fault is for; nobody reads the answer.
                }

                return errorBody(StatusCodes.Status504GatewayTimeout, $"Sandbox fault: {target} timed out after {settings.TimeoutSeconds} s.");
            default:
                return await next(context);
        }
    }
}
