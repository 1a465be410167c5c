using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>job tasks: a task that triggers a run of another job and, with wait, finishes as that run does.</summary>
public sealed class ChildJobTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "children");

    private const string ChildSettings = """
        params:
          message: {type: string, required: true}
          code: {type: integer, default: 0}
        """;

    private const string ChildTasks = """
        - name: say
          script: 'echo "child says $GENIE_PARAM_MESSAGE"; exit $GENIE_PARAM_CODE'
        """;

    // Three-brace interpolation leaves `${{ params.x }}` as literal spec text.
    private static string ParentTasks(string child, string code, bool wait) => $$$"""
        - name: prepare
          command: [echo, prepared]
        - name: call
          dependsOn: [prepare]
          job: {name: {{{child}}}, params: {message: "${{ params.greeting }} from ${{ params.who }}", code: "{{{code}}}"}, wait: {{{(wait ? "true" : "false")}}} }
        - name: after
          dependsOn: [call]
          command: [echo, after]
        """;

    private const string ParentSettings = """
        params:
          greeting: {type: string, default: hello}
          who: {type: string, required: true}
        """;

    [Fact]
    public async Task A_waiting_task_succeeds_after_its_child_run_succeeds()
    {
        await _bench.ApplyAsync("child-ok", ChildTasks, ChildSettings);
        await _bench.ApplyAsync("parent-ok", ParentTasks("child-ok", "0", wait: true), ParentSettings);

        var parent = await _bench.RunAsync("parent-ok", ("who", "the parent"));

        parent.State.ShouldBe("succeeded", parent.Describe());
        var call = parent.Instance("call");
        call.State.ShouldBe("succeeded");
        call.History.ShouldBeEmpty();
        var child = await _bench.Client.GetRunAsync(_bench.Namespace, call.ChildRunId.ShouldNotBeNull());
        child.Job.ShouldBe("child-ok");
        child.State.ShouldBe("succeeded");
        child.ParentRunId.ShouldBe(parent.Id);
        child.ParentTask.ShouldBe("call");
        child.Trigger.ShouldBe("child");
        child.Params["message"].GetString().ShouldBe("hello from the parent");
        child.Params["code"].GetInt64().ShouldBe(0);
        (await _bench.StdoutAsync(child, "say")).ShouldBe(["child says hello from the parent"]);
        call.FinishedAt!.Value.ShouldBeGreaterThanOrEqualTo(child.FinishedAt!.Value);
        parent.Instance("after").History.Single().StartedAt.ShouldBeGreaterThanOrEqualTo(child.FinishedAt!.Value);
    }

    [Fact]
    public async Task A_waiting_task_fails_when_its_child_run_fails()
    {
        await _bench.ApplyAsync("child-bad", ChildTasks, ChildSettings);
        await _bench.ApplyAsync("parent-bad", ParentTasks("child-bad", "3", wait: true), ParentSettings);

        var parent = await _bench.RunAsync("parent-bad", ("who", "me"));

        parent.State.ShouldBe("failed", parent.Describe());
        var call = parent.Instance("call");
        call.State.ShouldBe("failed");
        call.Reason.ShouldNotBeNull().ShouldStartWith($"child run {call.ChildRunId} failed");
        parent.Instance("after").State.ShouldBe("upstream_failed");
        var child = await _bench.Client.GetRunAsync(_bench.Namespace, call.ChildRunId!);
        child.State.ShouldBe("failed");
        child.Instance("say").ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task A_task_that_does_not_wait_succeeds_while_its_child_still_runs()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("child-slow", $"""
            - name: hold
              script: "{gate.WaitScript}"
            """);
        await _bench.ApplyAsync("parent-fire", """
            - name: call
              job: {name: child-slow, wait: false}
            - name: after
              dependsOn: [call]
              command: [echo, after]
            """);

        var parent = await _bench.RunAsync("parent-fire");

        parent.State.ShouldBe("succeeded", parent.Describe());
        var call = parent.Instance("call");
        call.State.ShouldBe("succeeded");
        var child = await _bench.Client.GetRunAsync(_bench.Namespace, call.ChildRunId.ShouldNotBeNull());
        child.IsFinished().ShouldBeFalse();
        child.ParentRunId.ShouldBe(parent.Id);
        gate.Open();
        (await _bench.Client.UntilFinishedAsync(child)).State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task A_missing_child_job_fails_the_task()
    {
        await _bench.ApplyAsync("orphan", """
            - name: call
              job: {name: no-such-job, wait: true}
            """);

        var parent = await _bench.RunAsync("orphan");

        parent.State.ShouldBe("failed", parent.Describe());
        parent.Instance("call").State.ShouldBe("failed");
        parent.Instance("call").Reason.ShouldNotBeNull().ShouldContain("no-such-job");
    }

    [Fact]
    public async Task Cancelling_the_parent_cancels_the_child_run()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("child-stuck", $"""
            - name: hold
              script: "{gate.WaitScript}"
            """);
        await _bench.ApplyAsync("parent-stuck", """
            - name: call
              job: {name: child-stuck, wait: true}
            """);
        var parent = await _bench.TriggerAsync("parent-stuck");
        var waiting = await _bench.Client.UntilAsync(parent, r => r.Tasks?.SingleOrDefault()?.ChildRunId is not null, "calling its child");
        var child = await _bench.Client.GetRunAsync(_bench.Namespace, waiting.Instance("call").ChildRunId!);
        await _bench.Client.UntilRunningAsync(child, "hold");

        await _bench.Client.CancelRunAsync(_bench.Namespace, parent.Id);

        (await _bench.Client.UntilFinishedAsync(parent)).State.ShouldBe("cancelled");
        var cancelledChild = await _bench.Client.UntilFinishedAsync(child);
        cancelledChild.State.ShouldBe("cancelled");
        cancelledChild.Reason.ShouldNotBeNull().ShouldStartWith($"parent run {parent.Id} ended");
        (await _bench.Client.UntilAttemptClosedAsync(child, "hold")).State.ShouldBe("cancelled");
    }

    [Fact]
    public async Task Retrying_the_parent_run_triggers_a_new_child_run()
    {
        using var fix = new TaskGate();
        await _bench.ApplyAsync("child-fixable", $"""
            - name: check
              script: "[ -e '{fix.Path}' ]"
            """);
        await _bench.ApplyAsync("parent-fixable", """
            - name: call
              job: {name: child-fixable, wait: true}
            """);
        var failed = await _bench.RunAsync("parent-fixable");
        failed.State.ShouldBe("failed", failed.Describe());
        var firstChild = failed.Instance("call").ChildRunId!;
        fix.Open();

        await _bench.Client.RetryRunAsync(_bench.Namespace, failed.Id);

        var retried = await _bench.Client.UntilFinishedAsync(failed);
        retried.State.ShouldBe("succeeded", retried.Describe());
        var secondChild = retried.Instance("call").ChildRunId.ShouldNotBeNull();
        secondChild.ShouldNotBe(firstChild);
        (await _bench.Client.GetRunAsync(_bench.Namespace, firstChild)).State.ShouldBe("failed");
        (await _bench.Client.GetRunAsync(_bench.Namespace, secondChild)).State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task A_task_retry_policy_triggers_the_child_job_again()
    {
        using var counter = new TaskGate();
        await _bench.ApplyAsync("child-flaky", $"""
            - name: count
              script: "echo x >> '{counter.Path}'; [ $(wc -l < '{counter.Path}') -ge 2 ]"
            """);
        await _bench.ApplyAsync("parent-retrying", """
            - name: call
              retry: {limit: 2, delay: 100ms}
              job: {name: child-flaky, wait: true}
            """);

        var parent = await _bench.RunAsync("parent-retrying");

        parent.State.ShouldBe("succeeded", parent.Describe());
        var children = (await _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(Job: "child-flaky"))).Items;
        children.Select(c => c.State).ShouldBe(["succeeded", "failed"]);
        children.ShouldAllBe(c => c.ParentRunId == parent.Id);
        parent.Instance("call").ChildRunId.ShouldBe(children[0].Id);
    }

    [Fact]
    public async Task A_task_timeout_cancels_a_child_run_that_takes_too_long()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("child-endless", $"""
            - name: hold
              script: "{gate.WaitScript}"
            """);
        await _bench.ApplyAsync("parent-impatient", """
            - name: call
              timeout: 1s
              job: {name: child-endless, wait: true}
            """);

        var parent = await _bench.RunAsync("parent-impatient");

        parent.State.ShouldBe("failed", parent.Describe());
        var call = parent.Instance("call");
        call.State.ShouldBe("failed");
        call.Reason.ShouldNotBeNull().ShouldStartWith("timed out after 1s");
        var child = await _bench.Client.UntilFinishedAsync(await _bench.Client.GetRunAsync(_bench.Namespace, call.ChildRunId!));
        child.State.ShouldBe("cancelled");
    }
}
