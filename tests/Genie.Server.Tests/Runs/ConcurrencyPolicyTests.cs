using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Runs;

/// <summary>maxActiveRuns with each onConflict policy, and keys shared across jobs; simultaneous triggers are decided by the database.</summary>
public sealed class ConcurrencyPolicyTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string Ns = "conc";
    private readonly GenieClient _client = app.CreateGenieClient();

    private static string Job(string name, string concurrency, string sleep = "0.3") => $"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {"{"}name: {name}{"}"}
        spec:
          concurrency: {concurrency}
          tasks:
            - name: work
              command: [sleep, "{sleep}"]
        """;

    [Fact]
    public async Task Queue_runs_one_at_a_time_in_trigger_order_even_when_triggered_together()
    {
        await _client.ApplyJobAsync(Ns, "queued", Job("queued", "{maxActiveRuns: 1, onConflict: queue}"));

        var triggered = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.TriggerRunAsync(Ns, "queued")));
        var finished = await Task.WhenAll(triggered.Select(r => _client.UntilFinishedAsync(Ns, r.Id)));

        finished.ShouldAllBe(r => r.State == "succeeded");
        NoTwoOverlap(finished);
        finished.OrderBy(r => r.StartedAt).Select(r => r.Id).ShouldBe(finished.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => r.Id));
    }

    [Fact]
    public async Task Skip_records_skipped_runs_and_keeps_exactly_the_limit()
    {
        await _client.ApplyJobAsync(Ns, "skipper", Job("skipper", "{maxActiveRuns: 2, onConflict: skip}", sleep: "2"));

        var triggered = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _client.TriggerRunAsync(Ns, "skipper")));

        triggered.Count(r => r.State == "skipped").ShouldBe(8);
        triggered.Where(r => r.State == "skipped").ShouldAllBe(r => r.Reason!.Contains("onConflict: skip"));
        var kept = await Task.WhenAll(triggered.Where(r => r.State != "skipped").Select(r => _client.UntilFinishedAsync(Ns, r.Id)));
        kept.ShouldAllBe(r => r.State == "succeeded");
    }

    [Fact]
    public async Task Cancel_running_cancels_the_active_run_and_starts_the_new_one()
    {
        await _client.ApplyJobAsync(Ns, "latest", Job("latest", "{maxActiveRuns: 1, onConflict: cancel-running}", sleep: "30"));
        var first = await _client.TriggerRunAsync(Ns, "latest");
        await _client.UntilAsync(Ns, first.Id, r => r.Tasks?.Any(t => t.State == "running") == true, "running its task");

        var second = await _client.TriggerRunAsync(Ns, "latest");

        var cancelled = await _client.UntilFinishedAsync(Ns, first.Id);
        cancelled.State.ShouldBe("cancelled");
        cancelled.Reason!.ShouldContain("cancel-running");
        var running = await _client.UntilAsync(Ns, second.Id, r => r.Tasks?.Any(t => t.State == "running") == true, "running its task");
        running.State.ShouldBe("running");
        var attempt = (await _client.UntilAsync(Ns, first.Id, r => r.TaskNamed("work").History.All(a => a.State != "running"), "closed its attempt"))
            .TaskNamed("work").History.Single();
        attempt.State.ShouldBe("cancelled");
        await _client.CancelRunAsync(Ns, second.Id);
    }

    [Fact]
    public async Task Allow_runs_side_by_side()
    {
        await _client.ApplyJobAsync(Ns, "parallel", Job("parallel", "{maxActiveRuns: 1, onConflict: allow}", sleep: "1"));

        var triggered = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _client.TriggerRunAsync(Ns, "parallel")));
        var finished = await Task.WhenAll(triggered.Select(r => _client.UntilFinishedAsync(Ns, r.Id)));

        finished.ShouldAllBe(r => r.State == "succeeded");
        Overlap(finished[0], finished[1]).ShouldBeTrue();
    }

    [Fact]
    public async Task A_key_makes_runs_exclusive_across_jobs()
    {
        await _client.ApplyJobAsync(Ns, "writer-a", Job("writer-a", "{maxActiveRuns: 1, onConflict: queue, key: warehouse}"));
        await _client.ApplyJobAsync(Ns, "writer-b", Job("writer-b", "{maxActiveRuns: 1, onConflict: queue, key: warehouse}"));

        var triggered = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _client.TriggerRunAsync(Ns, i % 2 == 0 ? "writer-a" : "writer-b")));
        var finished = await Task.WhenAll(triggered.Select(r => _client.UntilFinishedAsync(Ns, r.Id)));

        finished.ShouldAllBe(r => r.State == "succeeded");
        finished.Select(r => r.Job).Distinct().Count().ShouldBe(2);
        NoTwoOverlap(finished);
    }

    private static void NoTwoOverlap(IReadOnlyList<RunResource> runs)
    {
        for (var i = 0; i < runs.Count; i++)
        {
            for (var j = i + 1; j < runs.Count; j++)
            {
                Overlap(runs[i], runs[j]).ShouldBeFalse($"runs {runs[i].Id} and {runs[j].Id} were active at the same time");
            }
        }
    }

    private static bool Overlap(RunResource a, RunResource b) =>
        a.StartedAt < b.FinishedAt && b.StartedAt < a.FinishedAt;
}
