using System.Text.Json;
using System.Text.RegularExpressions;
using Commerce.Api.Auth;
using Commerce.Api.Gateway;
using Commerce.Persistence;
using Commerce.Persistence.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Commerce.Contracts.Catalog;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>Product writes under <c>/admin/products</c>, for the admin role only (403 otherwise).</summary>
internal static partial class AdminProductEndpoints
{
    private const int MaxAttributes = 50;
    private const int MaxAttributesBytes = 8 * 1024;
    private const decimal MaxPrice = 9_999_999_999.99m; // numeric(12,2)
    private const int MaxStock = 1_000_000;

    public static RouteGroupBuilder MapAdminProducts(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/products")
            .RequireAuthorization(CurrentUser.AdminPolicy)
            .WithTags(ApiTags.CatalogAdministration);
        admin.MapPost("/", CreateAsync).WithName("CreateProduct").WithSummary("Adds a product (admin).")
            .WithDescription("201 with the product and its address in `Location`; a SKU that exists already answers 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateProduct").WithSummary("Replaces a product's details (admin); stock has its own route.")
            .WithDescription("Every detail is replaced by the body's; 404 for an unknown product, 409 when the new SKU belongs to another.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteProduct").WithSummary("Removes a product (admin).")
            .WithDescription("A product that orders refer to cannot be removed (409): set its stock to 0 instead.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/{id:guid}/stock", SetStockAsync).WithName("SetProductStock").WithSummary("Sets the available stock (admin).")
            .WithDescription("The number of units that checkouts may reserve from now on.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ProductCreateRequest request, CommerceDbContext db, IPublishEndpoint publish, ProductCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var details = new ProductWriteRequest(request.Sku, request.Name, request.Description, request.Category, request.Price, request.Currency, request.Attributes);
        var validation = Validate(details)
            .Check(request.Available is null or >= 0 and <= MaxStock, "available", $"available must be between 0 and {MaxStock}");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var now = clock.GetUtcNow();
        var product = new Product
        {
            Id = Guid.CreateVersion7(),
            Sku = string.Empty,
            Name = string.Empty,
            Category = string.Empty,
            Available = request.Available ?? 0,
            CreatedAt = now,
        };
        Apply(product, details, now);
        db.Products.Add(product);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await publish.Publish(ProductChanges.Of(product), cancellationToken);
        if (await SaveAsync(db, transaction, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await cache.InvalidateAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/products/{product.Id}", ProductResponse.From(product));
    }

    private static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, ProductWriteRequest request, CommerceDbContext db, IPublishEndpoint publish, ProductCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = Validate(request);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        Apply(product, request, clock.GetUtcNow());
        product.Version++;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await publish.Publish(ProductChanges.Of(product), cancellationToken);
        if (await SaveAsync(db, transaction, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await cache.InvalidateAsync(cancellationToken);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, CommerceDbContext db, IPublishEndpoint publish, ProductCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<long> deleted;
        try
        {
            // RETURNING under the row lock: the tombstone's version follows the last change, even
            // one committed between a read and the delete.
            deleted = await db.Database
                .SqlQuery<long>($"DELETE FROM products WHERE id = {id} RETURNING version AS \"Value\"")
                .ToListAsync(cancellationToken);
        }
        catch (Exception e) when ((e as PostgresException ?? e.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return TypedResults.Problem(title: "Product is referenced by orders", statusCode: StatusCodes.Status409Conflict);
        }

        if (deleted is not [var version])
        {
            return NotFound();
        }

        await publish.Publish(ProductChanges.Deleted(id, version + 1, clock.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.InvalidateAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> SetStockAsync(
        Guid id, StockRequest request, CommerceDbContext db, IPublishEndpoint publish, ProductCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(request.Available is not null, "available", "available is required")
            .Check(request.Available is null or >= 0 and <= MaxStock, "available", $"available must be between 0 and {MaxStock}");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        // One statement: the Workers move stock between the counters concurrently, and a
        // read-modify-write here would undo their reservations.
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await db.Products.Where(p => p.Id == id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(p => p.Available, request.Available!.Value).SetProperty(p => p.UpdatedAt, now).SetProperty(p => p.Version, p => p.Version + 1),
                cancellationToken);
        if (updated == 0)
        {
            return NotFound();
        }

        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
        await publish.Publish(ProductChanges.Of(product), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.InvalidateAsync(cancellationToken);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    private static Validation Validate(ProductWriteRequest request)
    {
        var validation = new Validation()
            .Text(request.Sku, "sku", 64)
            .Text(request.Name, "name", 200)
            .Text(request.Description, "description", 4000, required: false)
            .Text(request.Category, "category", 100)
            .Check(request.Price is not null, "price", "price is required")
            .Check(request.Price is null or >= 0 and <= MaxPrice, "price", "price must be between 0 and 9999999999.99")
            .Check(request.Price is null || decimal.Round(request.Price.Value, 2) == request.Price.Value, "price", "price must have at most two decimals")
            .Check(request.Currency is null or "USD", "currency", "currency must be USD");
        if (request.Attributes is { } attributes)
        {
            validation
                .Check(attributes.Count <= MaxAttributes, "attributes", $"attributes may have at most {MaxAttributes} keys")
                .Check(JsonSerializer.SerializeToUtf8Bytes(attributes).Length <= MaxAttributesBytes, "attributes", "attributes must be at most 8 KiB")
                .Check(attributes.Keys.All(AttributeKey().IsMatch), "attributes", "attribute keys are letters, digits, '-' or '_' (at most 50, starting with a letter)")
                .Check(attributes.Values.All(v => v is not null && !v.Contains('\0', StringComparison.Ordinal)), "attributes", "attribute values must be strings without NUL");
        }

        return validation;
    }

    private static void Apply(Product product, ProductWriteRequest request, DateTimeOffset now)
    {
        product.Sku = request.Sku!.Trim();
        product.Name = request.Name!.Trim();
        product.Description = request.Description?.Trim() ?? string.Empty;
        product.Category = request.Category!.Trim();
        product.Price = request.Price!.Value;
        product.Currency = request.Currency ?? "USD";
        product.Attributes = request.Attributes is { } a ? new Dictionary<string, string>(a, StringComparer.Ordinal) : [];
        product.UpdatedAt = now;
    }

    /// <summary>The product and its <see cref="ProductChanged"/> outbox row, committed together.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(CommerceDbContext db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: "Product was changed meanwhile", detail: "Read it again and repeat the change.", statusCode: StatusCodes.Status409Conflict);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(title: "SKU already exists", statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Product not found", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,49}$")]
    private static partial Regex AttributeKey();
}
