using System.CommandLine;
using Commerce.Bench.Commands;
using Commerce.Bench.SameFlow;

// commerce-bench: ./commerce bench and ./commerce chaos (docs/adr/0015).
var root = new RootCommand("Commerce.Messaging load benchmark and fault-injection harness.")
{
    BenchCommand.Create(),
    ChaosCommand.Create(),
    SameFlowHostCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
