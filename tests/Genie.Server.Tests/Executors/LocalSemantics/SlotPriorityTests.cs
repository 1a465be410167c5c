using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>
/// The bounded slot pool: with every slot taken, new runs wait in `queued` (admission follows capacity) and the next free
/// slot goes to the most important waiting work first.
/// </summary>
public sealed class SlotPriorityTests
{
    [Fact]
    public async Task With_one_slot_taken_new_runs_wait_in_queued_and_the_high_priority_one_starts_first()
    {
        await using var app = await GenieApp.StartAsync(("Genie:Local:Slots", "1"));
        using var gate = new TaskGate();
        var bench = new JobBench(app, "slots");
        await bench.ApplyAsync("blocker", $"""
            - name: hold
              script: "{gate.WaitScript}"
            """);
        await bench.ApplyAsync("low", "- {name: work, command: [echo, low]}", "priority: 1");
        await bench.ApplyAsync("high", "- {name: work, command: [echo, high]}", "priority: 10");

        var blocker = await bench.TriggerAsync("blocker");
        await bench.Client.UntilRunningAsync(blocker, "hold");
        var low = await bench.TriggerAsync("low");
        var high = await bench.TriggerAsync("high");
        // No slot can serve them, so neither run is admitted: both wait in `queued`, their tasks not even created. The executor
        // looked at them (every trigger wakes it) well within the pause.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        foreach (var waiting in (RunResource[])[low, high])
        {
            var now = await bench.Client.GetRunAsync(bench.Namespace, waiting.Id);
            now.State.ShouldBe("queued");
            (now.Tasks ?? []).ShouldBeEmpty();
        }

        gate.Open();

        var finished = new[]
        {
            await bench.Client.UntilFinishedAsync(blocker),
            await bench.Client.UntilFinishedAsync(low),
            await bench.Client.UntilFinishedAsync(high),
        };

        finished.ShouldAllBe(r => r.State == "succeeded");
        var (hold, lowWork, highWork) = (finished[0].Instance("hold").History.Single(), finished[1].Instance("work").History.Single(),
            finished[2].Instance("work").History.Single());
        highWork.StartedAt.ShouldBeGreaterThanOrEqualTo(hold.FinishedAt!.Value);
        lowWork.StartedAt.ShouldBeGreaterThanOrEqualTo(highWork.FinishedAt!.Value);
    }

    [Fact]
    public async Task With_one_slot_a_task_priority_orders_ready_tasks_of_one_run()
    {
        await using var app = await GenieApp.StartAsync(("Genie:Local:Slots", "1"));
        var bench = new JobBench(app, "slots");
        await bench.ApplyAsync("ordered", """
            - {name: start, command: ["true"]}
            - {name: low, dependsOn: [start], priority: -5, script: 'echo low >> journal'}
            - {name: middle, dependsOn: [start], script: 'echo middle >> journal'}
            - {name: high, dependsOn: [start], priority: 5, script: 'echo high >> journal'}
            """, "priority: 1");

        var run = await bench.RunAsync("ordered");

        run.State.ShouldBe("succeeded", run.Describe());
        bench.Journal(run).ShouldBe(["high", "middle", "low"]);
    }
}
