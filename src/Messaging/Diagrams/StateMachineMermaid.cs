using System.Text;
using MassTransit;
using MassTransit.SagaStateMachine;

namespace Commerce.Messaging.Diagrams;

/// <summary>
/// Renders a MassTransit state machine as a Mermaid <c>stateDiagram-v2</c>, from the machine's own
/// graph, so the diagram in the docs is generated from the code rather than drawn beside it.
/// </summary>
public static class StateMachineMermaid
{
    public static string ToMermaidStateDiagram<TSaga>(this StateMachine<TSaga> machine)
        where TSaga : class, SagaStateMachineInstance
    {
        ArgumentNullException.ThrowIfNull(machine);
        var graph = machine.GetGraph();

        // The graph alternates State → Event → State; each such path becomes one transition.
        var transitions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var toEvent in graph.Edges.Where(e => e.From.VertexType == typeof(State) && e.To.VertexType == typeof(Event)))
        {
            foreach (var toState in graph.Edges.Where(e => e.From.Equals(toEvent.To) && e.To.VertexType == typeof(State)))
            {
                transitions.Add($"    {Name(toEvent.From.Title)} --> {Name(toState.To.Title)} : {toEvent.To.Title}");
            }
        }

        var diagram = new StringBuilder("stateDiagram-v2\n");
        foreach (var line in transitions)
        {
            diagram.Append(line).Append('\n');
        }

        return diagram.ToString();
    }

    private static string Name(string state) => state is "Initial" or "Final" ? "[*]" : state;
}
