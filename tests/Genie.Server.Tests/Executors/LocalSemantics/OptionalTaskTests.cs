using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>optional: a task that may fail without failing the run or stopping its downstream tasks.</summary>
public sealed class OptionalTaskTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "optional");

    [Fact]
    public async Task A_failing_optional_task_does_not_fail_the_run()
    {
        await _bench.ApplyAsync("best-effort", """
            - name: load
              command: [echo, loaded]
            - name: report
              dependsOn: [load]
              optional: true
              script: echo "no report today" >&2; exit 4
            - name: archive
              dependsOn: [report]
              command: [echo, archived]
            """);

        var run = await _bench.RunAsync("best-effort");

        run.State.ShouldBe("succeeded", run.Describe());
        run.Reason.ShouldBeNull();
        run.Instance("report").State.ShouldBe("failed");
        run.Instance("report").ExitCode.ShouldBe(4);
        // Optional failures never count as an upstream failure.
        run.Instance("archive").State.ShouldBe("succeeded");
        (await _bench.StdoutAsync(run, "archive")).ShouldBe(["archived"]);
    }

    [Fact]
    public async Task A_failing_required_task_still_fails_the_run_next_to_an_optional_one()
    {
        await _bench.ApplyAsync("mixed", """
            - name: optional-part
              optional: true
              script: exit 1
            - name: required-part
              script: exit 2
            """);

        var run = await _bench.RunAsync("mixed");

        run.State.ShouldBe("failed", run.Describe());
        run.Reason.ShouldBe("failed task(s): required-part");
        run.Instance("optional-part").State.ShouldBe("failed");
        run.Instance("required-part").State.ShouldBe("failed");
    }
}
