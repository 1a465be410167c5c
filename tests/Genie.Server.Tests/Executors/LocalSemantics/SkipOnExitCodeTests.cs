using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>skipOnExitCodes: a listed exit code marks the task skipped instead of failed.</summary>
public sealed class SkipOnExitCodeTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "skipcodes");

    private const string Tasks = """
        - name: load
          skipOnExitCodes: [99]
          retry: {limit: 2, delay: 100ms}
          script: 'echo "nothing to load"; exit $GENIE_PARAM_CODE'
        - name: report
          dependsOn: [load]
          command: [echo, reported]
        """;

    private const string Settings = "params: {code: {type: integer}}";

    [Fact]
    public async Task A_listed_exit_code_skips_the_task_without_retrying_and_downstream_runs()
    {
        await _bench.ApplyAsync("nothing-new", Tasks, Settings);

        var run = await _bench.RunAsync("nothing-new", ("code", 99));

        run.State.ShouldBe("succeeded", run.Describe());
        var load = run.Instance("load");
        load.State.ShouldBe("skipped");
        load.ExitCode.ShouldBe(99);
        load.Reason.ShouldBe("exit code 99 is listed in skipOnExitCodes");
        load.History.Select(a => (a.State, a.ExitCode)).ShouldBe([("skipped", 99)]);
        run.Instance("report").State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task Another_exit_code_still_fails_the_task()
    {
        await _bench.ApplyAsync("broken-load", Tasks, Settings);

        var run = await _bench.RunAsync("broken-load", ("code", 98));

        run.State.ShouldBe("failed", run.Describe());
        run.Instance("load").State.ShouldBe("failed");
        run.Instance("load").History.Count.ShouldBe(3);
        run.Instance("report").State.ShouldBe("upstream_failed");
    }
}
