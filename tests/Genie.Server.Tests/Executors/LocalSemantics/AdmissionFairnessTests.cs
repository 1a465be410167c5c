using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>A long queue of one job behind its concurrency limit does not keep other jobs' runs from starting.</summary>
public sealed class AdmissionFairnessTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "fairness");

    /// <summary>More waiting runs than the executor looks at in one pass (500).</summary>
    private const int Backlog = 520;

    [Fact]
    public async Task Runs_of_another_job_start_while_hundreds_wait_behind_a_limit()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("crowded", $"""
            - name: hold
              script: "{gate.WaitScript}"
            """, "concurrency: {maxActiveRuns: 1, onConflict: queue}");
        await _bench.ApplyAsync("bystander", "- {name: work, command: [echo, bystander]}");
        var holder = await _bench.TriggerAsync("crowded");
        await _bench.Client.UntilRunningAsync(holder, "hold");
        foreach (var batch in Enumerable.Range(0, Backlog).Chunk(20))
        {
            await Task.WhenAll(batch.Select(_ => _bench.TriggerAsync("crowded")));
        }

        var bystander = await _bench.RunAsync("bystander");

        bystander.State.ShouldBe("succeeded", bystander.Describe());
        (await _bench.Client.GetRunAsync(_bench.Namespace, holder.Id)).State.ShouldBe("running");
        gate.Open();
    }

    [Fact]
    public async Task Within_a_shared_key_runs_are_admitted_first_come_first_served_whatever_their_priority()
    {
        using var gate = new TaskGate();
        const string Shared = "concurrency: {maxActiveRuns: 1, onConflict: queue, key: shared-fairness}";
        await _bench.ApplyAsync("key-holder", $"""
            - name: hold
              script: "{gate.WaitScript}"
            """, Shared);
        await _bench.ApplyAsync("key-low", "- {name: work, command: [echo, low]}", Shared + "\npriority: 1");
        await _bench.ApplyAsync("key-high", "- {name: work, command: [echo, high]}", Shared + "\npriority: 10");
        var holder = await _bench.TriggerAsync("key-holder");
        await _bench.Client.UntilRunningAsync(holder, "hold");
        var low = await _bench.TriggerAsync("key-low");
        var high = await _bench.TriggerAsync("key-high");

        gate.Open();

        var (lowDone, highDone) = (await _bench.Client.UntilFinishedAsync(low), await _bench.Client.UntilFinishedAsync(high));
        lowDone.State.ShouldBe("succeeded", lowDone.Describe());
        highDone.State.ShouldBe("succeeded", highDone.Describe());
        highDone.StartedAt!.Value.ShouldBeGreaterThanOrEqualTo(lowDone.FinishedAt!.Value);
    }
}
