using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>replicas: parallel copies of a task, each told its index and the count.</summary>
public sealed class ReplicaTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "replicas");

    [Fact]
    public async Task Each_replica_runs_once_with_its_own_index()
    {
        await _bench.ApplyAsync("sharded", """
            - name: shard
              replicas: 3
              script: 'echo "shard $GENIE_REPLICA_INDEX of $GENIE_REPLICA_COUNT"; echo "end $GENIE_REPLICA_INDEX" >> journal'
            - name: merge
              dependsOn: [shard]
              script: 'echo merge >> journal'
            """);

        var run = await _bench.RunAsync("sharded");

        run.State.ShouldBe("succeeded", run.Describe());
        run.Tasks!.Where(t => t.Name == "shard").Select(t => t.Replica).ShouldBe([0, 1, 2]);
        for (var replica = 0; replica < 3; replica++)
        {
            run.Instance("shard", replica).State.ShouldBe("succeeded");
            run.Instance("shard", replica).History.ShouldHaveSingleItem();
            (await _bench.StdoutAsync(run, "shard", replica)).ShouldBe([$"shard {replica} of 3"]);
        }

        // The downstream task waits for every replica.
        var journal = _bench.Journal(run);
        journal.Take(3).Order().ShouldBe(["end 0", "end 1", "end 2"]);
        journal[3].ShouldBe("merge");
    }

    [Fact]
    public async Task One_failed_replica_fails_the_task_and_stops_its_downstream()
    {
        await _bench.ApplyAsync("one-bad-shard", """
            - name: shard
              replicas: 3
              script: '[ "$GENIE_REPLICA_INDEX" != 1 ]'
            - name: merge
              dependsOn: [shard]
              command: [echo, merged]
            """);

        var run = await _bench.RunAsync("one-bad-shard");

        run.State.ShouldBe("failed", run.Describe());
        run.Instance("shard", 0).State.ShouldBe("succeeded");
        run.Instance("shard", 1).State.ShouldBe("failed");
        run.Instance("shard", 2).State.ShouldBe("succeeded");
        run.Instance("merge").State.ShouldBe("upstream_failed");
    }
}
