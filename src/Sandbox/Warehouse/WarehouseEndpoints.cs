using Commerce.Sandbox.Faults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Sandbox.Warehouse;

/// <summary>The warehouse API under <c>/warehouse/v1</c>, its records and its run-time settings under <c>/sandbox/warehouse</c>.</summary>
internal static class WarehouseEndpoints
{
    public static IEndpointRouteBuilder MapWarehouse(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/warehouse/v1")
            .AddEndpointFilter(new FaultFilter(FaultTarget.Warehouse, (status, message) => TypedResults.Problem(message, statusCode: status)));
        v1.MapPost("/fulfillments", Accept);
        v1.MapGet("/fulfillments/{id}", Results<Ok<Fulfillment>, NotFound> (string id, FulfillmentBook book) =>
            book.Get(id) is { } fulfillment ? TypedResults.Ok(fulfillment) : TypedResults.NotFound());

        var sandbox = app.MapGroup("/sandbox/warehouse");
        sandbox.MapGet("/fulfillments", (string? orderId, FulfillmentBook book) => TypedResults.Ok(book.Find(orderId)));
        sandbox.MapGet("/settings", (WarehouseSettings settings) => TypedResults.Ok(WarehouseSettingsView.From(settings.Current)));
        sandbox.MapPut("/settings", UpdateSettings);
        return app;
    }

    private static Results<Accepted<FulfillmentAccepted>, ValidationProblem> Accept(
        FulfillmentRequest request, FulfillmentBook book, Shipper shipper, TimeProvider time)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A repeated request id is a client's retry: same answer, no second parcel.
        var (fulfillment, created) = book.Accept(request, time.GetUtcNow());
        if (created)
        {
            shipper.Start(fulfillment);
        }

        return TypedResults.Accepted($"/warehouse/v1/fulfillments/{fulfillment.FulfillmentId}", new FulfillmentAccepted(fulfillment.FulfillmentId));
    }

    private static Results<Ok<WarehouseSettingsView>, ValidationProblem> UpdateSettings(WarehouseSettingsUpdate update, WarehouseSettings settings)
    {
        var errors = update.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(WarehouseSettingsView.From(settings.Change(update.ApplyTo)));
    }
}
