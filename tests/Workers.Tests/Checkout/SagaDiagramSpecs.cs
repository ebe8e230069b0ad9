using Commerce.LocalSystem;
using Commerce.Workers.Checkout;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Tests.Checkout;

/// <summary>
/// The saga's state diagram in the docs is generated from the state machine. This fails when the
/// code changed and the diagram did not; regenerate with
/// <c>UPDATE_DIAGRAMS=1 ./commerce test "FullyQualifiedName~SagaDiagramSpecs"</c>.
/// </summary>
[TestFixture]
public sealed class SagaDiagramSpecs
{
    private static string DiagramFile => Path.Combine(RepositoryPaths.Root, "docs", "design", "order-saga-states.md");

    private static string Document(string diagram) =>
        "# Order saga: states and transitions\n\n" +
        "Generated from `src/Workers/Checkout/OrderStateMachine.cs` by `tests/Workers.Tests/Checkout/SagaDiagramSpecs.cs`; do not edit by hand.\n\n" +
        "```mermaid\n" + diagram + "```\n";

    [Test]
    public void The_committed_saga_diagram_matches_the_state_machine()
    {
        var expected = Document(new OrderStateMachine(Options.Create(new CheckoutOptions())).ToMermaidStateDiagram());
        if (Environment.GetEnvironmentVariable("UPDATE_DIAGRAMS") == "1")
        {
            File.WriteAllText(DiagramFile, expected);
        }

        Assert.That(File.Exists(DiagramFile) ? File.ReadAllText(DiagramFile) : "(missing)", Is.EqualTo(expected),
            "docs/design/order-saga-states.md is out of date: UPDATE_DIAGRAMS=1 ./commerce test \"FullyQualifiedName~SagaDiagramSpecs\"");
    }
}
