using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>dependsOn: a task starts only after every task it depends on has finished.</summary>
public sealed class DependsOnOrderTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "order");

    // Every task of a run starts in the run's working directory, so a shared file records the order of events.
    private const string Journal = """script: 'echo "start $GENIE_TASK" >> journal; sleep 0.1; echo "end $GENIE_TASK" >> journal'""";

    [Fact]
    public async Task A_chain_runs_one_task_after_the_other()
    {
        await _bench.ApplyAsync("chain", $"""
            - name: a
              {Journal}
            - name: b
              dependsOn: [a]
              {Journal}
            - name: c
              dependsOn: [b]
              {Journal}
            """);

        var run = await _bench.RunAsync("chain");

        run.State.ShouldBe("succeeded", run.Describe());
        _bench.Journal(run).ShouldBe(["start a", "end a", "start b", "end b", "start c", "end c"]);
        var (a, b, c) = (run.Instance("a").History.Single(), run.Instance("b").History.Single(), run.Instance("c").History.Single());
        b.StartedAt.ShouldBeGreaterThanOrEqualTo(a.FinishedAt!.Value);
        c.StartedAt.ShouldBeGreaterThanOrEqualTo(b.FinishedAt!.Value);
        run.Tasks!.ShouldAllBe(t => t.State == "succeeded" && t.Attempts == 1 && t.ExitCode == 0);
    }

    [Fact]
    public async Task A_join_waits_for_every_branch()
    {
        await _bench.ApplyAsync("diamond", $"""
            - name: root
              {Journal}
            - name: left
              dependsOn: [root]
              {Journal}
            - name: right
              dependsOn: [root]
              script: 'echo "start $GENIE_TASK" >> journal; sleep 0.5; echo "end $GENIE_TASK" >> journal'
            - name: join
              dependsOn: [left, right]
              {Journal}
            """);

        var run = await _bench.RunAsync("diamond");

        run.State.ShouldBe("succeeded", run.Describe());
        var journal = _bench.Journal(run).ToList();
        journal.Count.ShouldBe(8);
        journal.IndexOf("start left").ShouldBeGreaterThan(journal.IndexOf("end root"));
        journal.IndexOf("start right").ShouldBeGreaterThan(journal.IndexOf("end root"));
        journal.IndexOf("start join").ShouldBeGreaterThan(journal.IndexOf("end left"));
        journal.IndexOf("start join").ShouldBeGreaterThan(journal.IndexOf("end right"));
        journal[^1].ShouldBe("end join");
    }
}
