using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Runs;

/// <summary>
/// `GET runs/{id}` shows a run as of one moment: admission starts a run's first tasks in the transaction that admits it,
/// so a run read apart from its tasks could show `queued` beside a running task.
/// </summary>
public sealed class RunSnapshotTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly GenieClient _client = app.CreateGenieClient();

    [Fact]
    public async Task A_run_read_while_it_is_admitted_and_run_never_disagrees_with_its_tasks()
    {
        await _client.ApplyJobAsync("snapshots", "quick", """
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: quick}
            spec:
              tasks:
                - {name: only, command: ["true"]}
            """);
        var runs = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _client.TriggerRunAsync("snapshots", "quick")));

        var seen = 0;
        var torn = new List<string>();
        await Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (run, ct) =>
        {
            for (var read = await _client.GetRunAsync("snapshots", run.Id, ct); ; read = await _client.GetRunAsync("snapshots", run.Id, ct))
            {
                Interlocked.Increment(ref seen);
                if (Disagreement(read) is { } why)
                {
                    lock (torn)
                    {
                        torn.Add($"{run.Id}: {why}");
                    }
                }

                if (read.State is "succeeded" or "failed" or "cancelled")
                {
                    read.State.ShouldBe("succeeded");
                    return;
                }
            }
        });

        torn.ShouldBeEmpty();
        seen.ShouldBeGreaterThan(runs.Length);
    }

    private static string? Disagreement(RunResource run)
    {
        var tasks = run.Tasks ?? [];
        if (run.State == "queued" && tasks.Count > 0)
        {
            return $"queued with {tasks.Count} task(s) ({string.Join(", ", tasks.Select(t => t.State))})";
        }

        return tasks.Any(t => t.State is "running" or "queued") && run.State != "running"
            ? $"{run.State} while a task is {tasks.First(t => t.State is "running" or "queued").State}"
            : null;
    }
}
