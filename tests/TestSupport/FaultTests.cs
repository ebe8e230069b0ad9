namespace Commerce.TestSupport;

/// <summary>
/// The category of tests that stop or block the shared RabbitMQ node or kill processes:
/// <c>./commerce test</c> runs them after every other suite, one at a time.
/// </summary>
public static class FaultTests
{
    public const string Category = "Fault";
}
