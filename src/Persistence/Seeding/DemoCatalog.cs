namespace Commerce.Persistence.Seeding;

/// <summary>The demo catalog: a few categories, each a list of (name, base price) pairs.</summary>
internal static class DemoCatalog
{
    public static readonly IReadOnlyDictionary<string, (string Name, decimal Price)[]> Categories =
        new Dictionary<string, (string, decimal)[]>
        {
            ["electronics"] =
            [
                ("Wireless Headphones", 129.00m), ("Bluetooth Speaker", 59.90m), ("USB-C Charger 65W", 39.00m),
                ("Mechanical Keyboard", 99.00m), ("Wireless Mouse", 29.50m), ("27-inch Monitor", 249.00m),
                ("Webcam 1080p", 49.00m), ("Portable SSD 1TB", 119.00m), ("Smart Watch", 199.00m),
                ("E-Reader", 139.00m),
            ],
            ["books"] =
            [
                ("Designing Data-Intensive Applications", 45.00m), ("Enterprise Integration Patterns", 52.00m),
                ("Release It!", 38.00m), ("Domain-Driven Design", 55.00m), ("The Pragmatic Programmer", 42.00m),
                ("Refactoring", 47.00m), ("Clean Architecture", 34.00m), ("Site Reliability Engineering", 40.00m),
                ("Building Microservices", 44.00m), ("Database Internals", 49.00m),
            ],
            ["kitchen"] =
            [
                ("Chef's Knife", 79.00m), ("Cast Iron Skillet", 45.00m), ("Espresso Machine", 349.00m),
                ("Coffee Grinder", 89.00m), ("Stand Mixer", 299.00m), ("Cutting Board", 25.00m),
                ("Dutch Oven", 119.00m), ("Electric Kettle", 39.00m), ("Blender", 99.00m), ("Toaster", 49.00m),
            ],
            ["outdoor"] =
            [
                ("Hiking Backpack 40L", 129.00m), ("Camping Tent", 199.00m), ("Sleeping Bag", 89.00m),
                ("Trekking Poles", 59.00m), ("Headlamp", 29.00m), ("Water Filter", 39.00m),
                ("Camping Stove", 69.00m), ("Rain Jacket", 149.00m), ("Trail Running Shoes", 119.00m),
                ("Insulated Bottle", 32.00m),
            ],
            ["home"] =
            [
                ("Desk Lamp", 45.00m), ("Office Chair", 279.00m), ("Standing Desk", 499.00m),
                ("Throw Blanket", 39.00m), ("Wall Clock", 29.00m), ("Plant Pot Set", 35.00m),
                ("Bookshelf", 149.00m), ("Area Rug", 189.00m), ("Scented Candle", 19.00m), ("Storage Boxes", 27.00m),
            ],
            ["toys"] =
            [
                ("Building Blocks Set", 59.00m), ("Puzzle 1000 Pieces", 19.90m), ("Board Game Classic", 34.00m),
                ("Remote Control Car", 69.00m), ("Plush Bear", 24.00m), ("Science Kit", 44.00m),
            ],
        };
}
