using System.Globalization;
using Genie.Client;
using Genie.Core.Runs;
using Genie.Server.Api;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// The list and filter requests measured at scale. Request n draws its parameters (namespace, job, state, time
/// window, cursor position...) from its own seed, so every round sends the same varied mix. Deep cursors are
/// built with the server's own <see cref="PageCursor"/> from generated rows, as if a client had paged there.
/// </summary>
public static class ScaleRequests
{
    private static readonly string[] LabelSelectors =
        ["team=data", "tier in (gold,silver)", "env=staging,tier=gold", "pii", "team!=infra,env=prod", "team in (ads,risk),pii"];

    private static readonly RunState[] States =
        [RunState.Failed, RunState.Cancelled, RunState.Skipped, RunState.Running, RunState.Queued, RunState.Suspended, RunState.Succeeded];

    public static IReadOnlyList<ScaleRequest> For(GenieClient client, ScaleDataset data)
    {
        var jobs = data.Jobs;
        var runs = data.Runs;
        var namespaces = ScaleJobCatalog.Namespaces;
        var historyStart = runs[0].CreatedAt;
        var historySpan = runs[^1].CreatedAt - historyStart;
        var startedRuns = Enumerable.Range(0, runs.Length).Where(i => runs[i].State is not (RunState.Skipped or RunState.Queued)).ToArray();

        return
        [
            new("GET jobs (first page) p95", (n, ct) =>
                client.ListJobsAsync(namespaces[n % namespaces.Count], null, ct)),
            new("GET jobs?cursor= (later page) p95", (n, ct) =>
            {
                var job = jobs[Draw(n, 1).Below(jobs.Count)];
                return client.ListJobsAsync(job.Namespace, new JobListQuery(Cursor: PageCursor.Encode(job.Namespace, job.Name)), ct);
            }),
            new("GET jobs?labelSelector= p95", (n, ct) =>
                client.ListJobsAsync(namespaces[n % namespaces.Count], new JobListQuery(LabelSelector: LabelSelectors[Draw(n, 2).Below(LabelSelectors.Length)]), ct)),
            new("GET jobs?group= p95", (n, ct) =>
                client.ListJobsAsync(namespaces[n % namespaces.Count], new JobListQuery(Group: ScaleJobCatalog.Groups[Draw(n, 3).Below(ScaleJobCatalog.Groups.Count)]), ct)),
            new("GET runs (first page) p95", (n, ct) =>
                client.ListRunsAsync(namespaces[n % namespaces.Count], null, ct)),
            new("GET runs?cursor= (deep) p95", (n, ct) =>
            {
                // A position anywhere in the months of history: the page after a run of that namespace.
                var run = runs[Draw(n, 4).Below(runs.Length)];
                var cursor = PageCursor.Encode(run.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), run.Id.ToString());
                return client.ListRunsAsync(jobs[run.JobIndex].Namespace, new RunListQuery(Cursor: cursor), ct);
            }),
            new("GET runs?job= p95", (n, ct) =>
            {
                var job = jobs[Draw(n, 5).Below(jobs.Count)];
                return client.ListRunsAsync(job.Namespace, new RunListQuery(Job: job.Name), ct);
            }),
            new("GET runs?state= p95", (n, ct) =>
                client.ListRunsAsync(namespaces[n % namespaces.Count], new RunListQuery(State: States[Draw(n, 6).Below(States.Length)].ToWire()), ct)),
            new("GET runs?since=&until= p95", (n, ct) =>
            {
                var since = new DateTimeOffset(historyStart + historySpan * Draw(n, 7).Fraction());
                return client.ListRunsAsync(namespaces[n % namespaces.Count], new RunListQuery(Since: since, Until: since.AddDays(1)), ct);
            }),
            new("GET runs/{id} with tasks p95", (n, ct) =>
            {
                var run = runs[startedRuns[Draw(n, 8).Below(startedRuns.Length)]];
                return client.GetRunAsync(jobs[run.JobIndex].Namespace, run.Id.ToString(), ct);
            }),
        ];
    }

    private static SplitMix64 Draw(int n, int request) => new(((ulong)request << 32) ^ (ulong)n);
}
