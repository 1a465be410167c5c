using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>When a triggered run may start: now, after a delay, or at a time.</summary>
public sealed class TriggerTimeTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "timing");

    [Fact]
    public async Task A_delayed_run_waits_queued_until_its_time_then_runs()
    {
        await _bench.ApplyAsync("later", "- {name: work, command: [echo, later]}");
        var asked = DateTimeOffset.UtcNow;

        var run = await _bench.Client.TriggerRunAsync(_bench.Namespace, "later", new TriggerRunRequest(Delay: "2s"));

        run.State.ShouldBe("queued");
        run.NotBefore.ShouldBeGreaterThanOrEqualTo(asked.AddSeconds(2));
        run.NotBefore.ShouldBeGreaterThan(run.CreatedAt);
        run.StartedAt.ShouldBeNull();
        var finished = await _bench.Client.UntilFinishedAsync(run);
        finished.State.ShouldBe("succeeded", finished.Describe());
        finished.StartedAt!.Value.ShouldBeGreaterThanOrEqualTo(run.NotBefore);
    }

    [Fact]
    public async Task A_run_at_a_future_time_does_not_start_before_it()
    {
        await _bench.ApplyAsync("scheduled", "- {name: work, command: [echo, scheduled]}");
        var at = DateTimeOffset.UtcNow.AddSeconds(2);

        var run = await _bench.Client.TriggerRunAsync(_bench.Namespace, "scheduled", new TriggerRunRequest(At: at));

        run.State.ShouldBe("queued");
        run.NotBefore.ShouldBe(at, TimeSpan.FromMilliseconds(1));
        var finished = await _bench.Client.UntilFinishedAsync(run);
        finished.State.ShouldBe("succeeded", finished.Describe());
        finished.StartedAt!.Value.ShouldBeGreaterThanOrEqualTo(run.NotBefore);
    }

    [Fact]
    public async Task A_time_in_the_past_runs_now()
    {
        await _bench.ApplyAsync("overdue", "- {name: work, command: [echo, overdue]}");

        var run = await _bench.Client.TriggerRunAsync(_bench.Namespace, "overdue", new TriggerRunRequest(At: DateTimeOffset.UtcNow.AddDays(-1)));

        var finished = await _bench.Client.UntilFinishedAsync(run);
        finished.State.ShouldBe("succeeded", finished.Describe());
        (await _bench.StdoutAsync(finished, "work")).ShouldBe(["overdue"]);
    }
}
