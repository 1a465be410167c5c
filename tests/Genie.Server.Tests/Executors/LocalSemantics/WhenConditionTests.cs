using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>when: a task whose param conditions do not hold is skipped, and skipped counts as success downstream.</summary>
public sealed class WhenConditionTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "when");

    private const string Settings = """
        params:
          region: {type: string, default: us, enum: [eu, us]}
        """;

    private const string Tasks = """
        - name: extract
          command: [echo, extracted]
        - name: load-eu
          dependsOn: [extract]
          when: [{param: region, equals: eu}]
          command: [echo, loading eu]
        - name: report
          dependsOn: [load-eu]
          command: [echo, reported]
        """;

    [Fact]
    public async Task A_false_condition_skips_the_task_and_its_downstream_still_runs()
    {
        await _bench.ApplyAsync("regional", Tasks, Settings);

        var run = await _bench.RunAsync("regional");

        run.State.ShouldBe("succeeded", run.Describe());
        run.Instance("load-eu").State.ShouldBe("skipped");
        run.Instance("load-eu").Reason.ShouldBe("when: param `region` is `us`");
        run.Instance("load-eu").History.ShouldBeEmpty();
        run.Instance("report").State.ShouldBe("succeeded");
        (await _bench.StdoutAsync(run, "report")).ShouldBe(["reported"]);
    }

    [Fact]
    public async Task A_true_condition_runs_the_task()
    {
        await _bench.ApplyAsync("regional-eu", Tasks, Settings);

        var run = await _bench.RunAsync("regional-eu", ("region", "eu"));

        run.State.ShouldBe("succeeded", run.Describe());
        run.Instance("load-eu").State.ShouldBe("succeeded");
        (await _bench.StdoutAsync(run, "load-eu")).ShouldBe(["loading eu"]);
    }
}
