using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>runIf: what a failed upstream task means for success (default), failure and always tasks.</summary>
public sealed class RunIfTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "runif");

    [Fact]
    public async Task A_failure_stops_success_tasks_and_runs_failure_and_always_tasks()
    {
        await _bench.ApplyAsync("broken", """
            - name: load
              script: exit 3
            - name: publish
              dependsOn: [load]
              command: [echo, published]
            - name: announce
              dependsOn: [publish]
              command: [echo, announced]
            - name: alert
              dependsOn: [load]
              runIf: failure
              command: [echo, alerting]
            - name: cleanup
              dependsOn: [load]
              runIf: always
              command: [echo, cleaning]
            """);

        var run = await _bench.RunAsync("broken");

        run.State.ShouldBe("failed", run.Describe());
        run.Reason.ShouldBe("failed task(s): load");
        run.Instance("load").State.ShouldBe("failed");
        run.Instance("load").ExitCode.ShouldBe(3);
        run.Instance("publish").State.ShouldBe("upstream_failed");
        run.Instance("publish").Reason.ShouldBe("upstream task `load` failed");
        run.Instance("publish").History.ShouldBeEmpty();
        run.Instance("announce").State.ShouldBe("upstream_failed");
        run.Instance("announce").History.ShouldBeEmpty();
        run.Instance("alert").State.ShouldBe("succeeded");
        (await _bench.StdoutAsync(run, "alert")).ShouldBe(["alerting"]);
        run.Instance("cleanup").State.ShouldBe("succeeded");
        (await _bench.StdoutAsync(run, "cleanup")).ShouldBe(["cleaning"]);
    }

    [Fact]
    public async Task Without_a_failure_failure_tasks_are_skipped_and_always_tasks_run()
    {
        await _bench.ApplyAsync("healthy", """
            - name: load
              command: [echo, loaded]
            - name: alert
              dependsOn: [load]
              runIf: failure
              command: [echo, alerting]
            - name: cleanup
              dependsOn: [load]
              runIf: always
              command: [echo, cleaning]
            - name: after-alert
              dependsOn: [alert]
              command: [echo, after]
            """);

        var run = await _bench.RunAsync("healthy");

        run.State.ShouldBe("succeeded", run.Describe());
        run.Instance("alert").State.ShouldBe("skipped");
        run.Instance("alert").History.ShouldBeEmpty();
        run.Instance("cleanup").State.ShouldBe("succeeded");
        // A skipped task counts as success downstream.
        run.Instance("after-alert").State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task A_successful_cleanup_does_not_rescue_a_failed_run()
    {
        await _bench.ApplyAsync("rescue", """
            - name: work
              script: exit 1
            - name: cleanup
              dependsOn: [work]
              runIf: always
              command: ["true"]
            - name: handler
              dependsOn: [work]
              runIf: failure
              command: ["true"]
            """);

        var run = await _bench.RunAsync("rescue");

        run.State.ShouldBe("failed", run.Describe());
        run.Instance("work").State.ShouldBe("failed");
        run.Instance("cleanup").State.ShouldBe("succeeded");
        run.Instance("handler").State.ShouldBe("succeeded");
    }
}
