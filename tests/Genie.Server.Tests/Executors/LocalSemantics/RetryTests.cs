using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>retry: failed attempts are tried again after the backoff until the limit; every attempt is kept.</summary>
public sealed class RetryTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "retry");

    [Fact]
    public async Task A_flaky_task_succeeds_on_its_third_attempt_with_fixed_backoff()
    {
        // The counter lives in the run's working directory, which every attempt shares.
        await _bench.ApplyAsync("flaky", """
            - name: flaky
              retry: {limit: 4, backoff: fixed, delay: 100ms}
              script: 'n=$(($(cat tries 2>/dev/null || echo 0) + 1)); echo $n > tries; echo "try $n attempt $GENIE_ATTEMPT"; [ $n -ge 3 ] || exit 7'
            """);

        var run = await _bench.RunAsync("flaky");

        run.State.ShouldBe("succeeded", run.Describe());
        var task = run.Instance("flaky");
        task.State.ShouldBe("succeeded");
        task.Attempts.ShouldBe(3);
        task.ExitCode.ShouldBe(0);
        task.History.Select(a => (a.Attempt, a.State, a.ExitCode)).ShouldBe([(1, "failed", 7), (2, "failed", 7), (3, "succeeded", 0)]);
        task.History[0].Reason.ShouldBe("exit code 7; retry 1 of 4 in 100ms");
        task.History[1].Reason.ShouldBe("exit code 7; retry 2 of 4 in 100ms");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await _bench.StdoutAsync(run, "flaky", attempt: attempt)).ShouldBe([$"try {attempt} attempt {attempt}"]);
        }

        AttemptsFollowEachOther(task.History);
    }

    [Fact]
    public async Task Exponential_backoff_doubles_the_delay_up_to_maxDelay()
    {
        await _bench.ApplyAsync("backoff", """
            - name: doomed
              retry: {limit: 4, backoff: exponential, delay: 100ms, maxDelay: 300ms}
              script: exit 1
            """);

        var run = await _bench.RunAsync("backoff");

        run.State.ShouldBe("failed", run.Describe());
        var task = run.Instance("doomed");
        task.Attempts.ShouldBe(5);
        task.NextAttemptAt.ShouldBeNull();
        task.History.Select(a => a.Reason).ShouldBe([
            "exit code 1; retry 1 of 4 in 100ms",
            "exit code 1; retry 2 of 4 in 200ms",
            "exit code 1; retry 3 of 4 in 300ms",
            "exit code 1; retry 4 of 4 in 300ms",
            "exit code 1 (after 5 attempts)",
        ]);
        AttemptsFollowEachOther(task.History);
    }

    [Fact]
    public async Task A_retrying_task_shows_when_its_next_attempt_is_due()
    {
        await _bench.ApplyAsync("patient", """
            - name: patient
              retry: {limit: 1, delay: 2s}
              script: '[ "$GENIE_ATTEMPT" = 2 ]'
            """);
        var run = await _bench.TriggerAsync("patient");

        var waiting = await _bench.Client.UntilAsync(run, r => r.Tasks?.FirstOrDefault()?.State == "retrying", "retrying");

        var task = waiting.Instance("patient");
        task.Reason.ShouldBe("exit code 1; retry 1 of 1 in 2s");
        // The next attempt is due the delay after the first one ended.
        task.NextAttemptAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(task.History.Single().FinishedAt!.Value.AddSeconds(2).AddMilliseconds(-50));
        var finished = await _bench.Client.UntilFinishedAsync(run);
        finished.State.ShouldBe("succeeded", finished.Describe());
        finished.Instance("patient").History[1].StartedAt.ShouldBeGreaterThanOrEqualTo(task.NextAttemptAt!.Value);
    }

    [Fact]
    public async Task Exhausting_the_limit_fails_the_task_and_the_run()
    {
        await _bench.ApplyAsync("hopeless", """
            - name: hopeless
              script: exit 5
            - name: after
              dependsOn: [hopeless]
              command: [echo, never]
            """, "retry: {limit: 2, delay: 100ms}");

        var run = await _bench.RunAsync("hopeless");

        run.State.ShouldBe("failed", run.Describe());
        var task = run.Instance("hopeless");
        task.State.ShouldBe("failed");
        task.Reason.ShouldBe("exit code 5 (after 3 attempts)");
        task.ExitCode.ShouldBe(5);
        task.History.Select(a => (a.Attempt, a.State, a.ExitCode)).ShouldBe([(1, "failed", 5), (2, "failed", 5), (3, "failed", 5)]);
        run.Instance("after").State.ShouldBe("upstream_failed");
    }

    /// <summary>Attempts never overlap: each starts after the previous one ended.</summary>
    private static void AttemptsFollowEachOther(IReadOnlyList<Client.Contracts.TaskAttemptResource> history)
    {
        for (var i = 1; i < history.Count; i++)
        {
            history[i].StartedAt.ShouldBeGreaterThanOrEqualTo(history[i - 1].FinishedAt!.Value);
        }
    }
}
