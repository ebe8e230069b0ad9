namespace Commerce.Search.Tests.Support;

/// <summary>A fresh stand-in node per test and the library pointed at it through AddCommerceSearch.</summary>
public abstract class NodeSpecs<TNode>(Func<Task<TNode>> start, Func<TNode, Uri> url)
    where TNode : class, IAsyncDisposable
{
    protected TNode Node { get; private set; } = null!;

    protected SearchServices Search { get; private set; } = null!;

    [SetUp]
    public async Task StartNode()
    {
        Node = await start();
        Search = SearchServices.For(url(Node));
    }

    [TearDown]
    public async Task StopNode()
    {
        await Search.DisposeAsync();
        await Node.DisposeAsync();
    }
}
