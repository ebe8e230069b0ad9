using System.Text;
using MassTransit;
using MassTransit.SagaStateMachine;

namespace Commerce.Workers.Tests.Checkout;

/// <summary>
/// Renders a MassTransit state machine as a Mermaid <c>stateDiagram-v2</c>, from the machine's own
/// graph, so the diagram in the docs is generated from the code rather than drawn beside it.
/// </summary>
internal static class StateMachineMermaid
{
    public static string ToMermaidStateDiagram<TSaga>(this StateMachine<TSaga> machine)
        where TSaga : class, SagaStateMachineInstance
    {
        var transitions = new SortedSet<string>(
            machine.Transitions().Select(t => $"    {Name(t.From)} --> {Name(t.To)} : {t.Event}"),
            StringComparer.Ordinal);

        var diagram = new StringBuilder("stateDiagram-v2\n");
        foreach (var line in transitions)
        {
            diagram.Append(line).Append('\n');
        }

        return diagram.ToString();
    }

    /// <summary>Every (state, event, next state) of the machine, from its own graph; an event handled without a transition has none.</summary>
    public static IEnumerable<(string From, string Event, string To)> Transitions<TSaga>(this StateMachine<TSaga> machine)
        where TSaga : class, SagaStateMachineInstance
    {
        ArgumentNullException.ThrowIfNull(machine);
        var graph = machine.GetGraph();

        // The graph alternates State → Event → State; each such path is one transition.
        return
            from toEvent in graph.Edges
            where toEvent.From.VertexType == typeof(State) && toEvent.To.VertexType == typeof(Event)
            from toState in graph.Edges
            where toState.From.Equals(toEvent.To) && toState.To.VertexType == typeof(State)
            select (toEvent.From.Title, toEvent.To.Title, toState.To.Title);
    }

    private static string Name(string state) => state is "Initial" or "Final" ? "[*]" : state;
}
