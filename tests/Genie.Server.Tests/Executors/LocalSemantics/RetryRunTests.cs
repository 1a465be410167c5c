using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>Retrying a finished run under the same id: its failed tasks (and what they held up), or all of them.</summary>
public sealed class RetryRunTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "rerun");

    // `fragile` fails until the `fixed` file exists in the run's working directory, which survives a retry.
    private const string Tasks = """
        - name: solid
          script: 'echo "solid $GENIE_ATTEMPT" >> journal'
        - name: fragile
          dependsOn: [solid]
          script: 'echo "fragile $GENIE_ATTEMPT" >> journal; [ -e fixed ]'
        - name: after
          dependsOn: [fragile]
          script: 'echo "after $GENIE_ATTEMPT" >> journal'
        """;

    [Fact]
    public async Task Retrying_failed_tasks_reruns_them_and_their_downstream_with_attempt_numbers_continuing()
    {
        await _bench.ApplyAsync("repairable", Tasks);
        var failed = await _bench.RunAsync("repairable");
        failed.State.ShouldBe("failed", failed.Describe());
        failed.Instance("after").State.ShouldBe("upstream_failed");
        _bench.Mark(failed, "fixed");

        var retried = await _bench.Client.RetryRunAsync(_bench.Namespace, failed.Id, "failed");

        retried.Id.ShouldBe(failed.Id);
        retried.State.ShouldBe("queued");
        retried.FinishedAt.ShouldBeNull();
        var run = await _bench.Client.UntilFinishedAsync(retried);
        run.State.ShouldBe("succeeded", run.Describe());
        run.Reason.ShouldBeNull();
        run.Instance("solid").Attempts.ShouldBe(1);
        run.Instance("fragile").History.Select(a => (a.Attempt, a.State)).ShouldBe([(1, "failed"), (2, "succeeded")]);
        run.Instance("after").History.Select(a => a.Attempt).ShouldBe([1]);
        _bench.Journal(run).ShouldBe(["solid 1", "fragile 1", "fragile 2", "after 1"]);
        (await _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(Job: "repairable"))).Items.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Retrying_all_reruns_every_task_of_a_failed_or_succeeded_run()
    {
        await _bench.ApplyAsync("again", Tasks);
        var failed = await _bench.RunAsync("again");
        _bench.Mark(failed, "fixed");

        await _bench.Client.RetryRunAsync(_bench.Namespace, failed.Id, "all");
        var succeeded = await _bench.Client.UntilFinishedAsync(failed);
        await _bench.Client.RetryRunAsync(_bench.Namespace, succeeded.Id, "all");
        var run = await _bench.Client.UntilFinishedAsync(succeeded);

        succeeded.State.ShouldBe("succeeded", succeeded.Describe());
        run.State.ShouldBe("succeeded", run.Describe());
        run.Tasks!.Select(t => (t.Name, t.Attempts)).ShouldBe([("after", 2), ("fragile", 3), ("solid", 3)]);
        _bench.Journal(run)
            .ShouldBe(["solid 1", "fragile 1", "solid 2", "fragile 2", "after 1", "solid 3", "fragile 3", "after 2"]);
    }

    [Fact]
    public async Task A_retried_run_gives_its_tasks_their_automatic_retries_again()
    {
        // Fails until `fixed` exists, and then still on every odd attempt: the retried round needs its own retry.
        await _bench.ApplyAsync("flaky-again", """
            - name: flaky
              retry: {limit: 1, delay: 100ms}
              script: '[ -e fixed ] && [ $((GENIE_ATTEMPT % 2)) = 0 ]'
            """);
        var failed = await _bench.RunAsync("flaky-again");
        failed.Instance("flaky").Attempts.ShouldBe(2);
        _bench.Mark(failed, "fixed");

        await _bench.Client.RetryRunAsync(_bench.Namespace, failed.Id);

        var run = await _bench.Client.UntilFinishedAsync(failed);
        run.State.ShouldBe("succeeded", run.Describe());
        run.Instance("flaky").History.Select(a => (a.Attempt, a.State)).ShouldBe([(1, "failed"), (2, "failed"), (3, "failed"), (4, "succeeded")]);
        run.Instance("flaky").History[2].Reason.ShouldBe("exit code 1; retry 1 of 1 in 100ms");
    }

    [Fact]
    public async Task Retrying_a_run_that_did_not_fail_is_a_conflict_and_a_bad_mode_is_invalid()
    {
        await _bench.ApplyAsync("fine", "- {name: work, command: [echo, fine]}");
        var run = await _bench.RunAsync("fine");

        var conflict = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.RetryRunAsync(_bench.Namespace, run.Id, "failed"));
        var invalid = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.RetryRunAsync(_bench.Namespace, run.Id, "some"));

        conflict.StatusCode.ShouldBe(409);
        invalid.StatusCode.ShouldBe(400);
        invalid.Problem.Errors!.ShouldHaveSingleItem().Path.ShouldBe("body.mode");
    }
}
