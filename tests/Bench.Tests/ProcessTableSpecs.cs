using System.Diagnostics;
using Commerce.Bench.Measure;

namespace Commerce.Bench.Tests;

/// <summary>A process's CPU time as the bench reads it from /proc.</summary>
public sealed class ProcessTableSpecs
{
    [Test]
    public async Task The_CPU_of_a_child_that_has_ended_stays_in_its_parents_reading()
    {
        using var self = Process.GetCurrentProcess();
        var before = ProcessTable.Read(Environment.ProcessId).CpuSeconds;
        var ownBefore = self.TotalProcessorTime;

        // A fixed amount of work, not of time: a million shell additions take about a CPU second
        // however loaded the machine is.
        using (var child = Process.Start(new ProcessStartInfo("sh", ["-c", "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done"]))!)
        {
            await child.WaitForExitAsync();
        }

        self.Refresh();
        var ownUse = (self.TotalProcessorTime - ownBefore).TotalSeconds;
        var reading = ProcessTable.Read(Environment.ProcessId).CpuSeconds - before;

        Assert.That(reading - ownUse, Is.GreaterThan(0.2), "the reading counts the ended child's CPU beside this process's own");
    }
}
