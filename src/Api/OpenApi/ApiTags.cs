namespace Commerce.Api.OpenApi;

/// <summary>
/// The capabilities the OpenAPI document groups operations by, with the description each tag
/// carries there; a generated client names its classes after them, so they say what a caller can
/// do, not which C# class maps the route.
/// </summary>
internal static class ApiTags
{
    public const string Service = "Service";
    public const string Authentication = "Authentication";
    public const string Users = "Users";
    public const string Catalog = "Catalog";
    public const string CatalogAdministration = "Catalog administration";
    public const string Cart = "Cart";
    public const string Checkout = "Checkout";
    public const string Orders = "Orders";
    public const string OrderStatus = "Order status";
    public const string Webhooks = "Webhooks";
    public const string Operations = "Operations";

    /// <summary>Every tag in the order the document lists them.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (Service, "The API's name and version."),
        (Authentication, "Registration, login, token refresh and logout; how a caller gets the bearer token the other routes need."),
        (Users, "The signed-in user's account."),
        (Catalog, "Products: full-text search with filters, and one product by id. Anonymous."),
        (CatalogAdministration, "Creating, changing and removing products and setting their stock (admin role)."),
        (Cart, "The signed-in customer's cart, priced from the catalog when read."),
        (Checkout, "Placing an order: accepted with 202 at once, then carried out by the checkout saga (stock, payment, shipping)."),
        (Orders, "The caller's orders with their timelines, and cancellation."),
        (OrderStatus, "An order's status as it changes, as server-sent events."),
        (Webhooks, "Events the warehouse sends about shipments, signed with HMAC-SHA256."),
        (Operations, "Dead-letter queues and stuck orders, for operators (admin role)."),
    ];
}
