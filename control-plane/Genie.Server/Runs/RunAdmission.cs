using Genie.Core.Runs;
using Genie.Server.Store;

namespace Genie.Server.Runs;

/// <summary>
/// Moves a due queued run to running when its concurrency scope has room, oldest first, and creates its
/// task instances. The scope's advisory lock is taken before the run's row lock, in the same order the
/// trigger takes them, so the two never deadlock.
/// </summary>
public sealed class RunAdmission(RunStore runs, JobPlans plans, TimeProvider time)
{
    public async Task<bool> TryAdmitAsync(Guid runId, CancellationToken cancellationToken)
    {
        var peek = await runs.GetAsync(runId, cancellationToken);
        if (peek is null || peek.RunState != RunState.Queued)
        {
            return false;
        }

        return await runs.InTransactionAsync(async tx =>
        {
            if (peek.ConcurrencyKey is { } scope)
            {
                await runs.LockScopeAsync(tx, scope, cancellationToken);
            }

            var run = await runs.LockAsync(tx, runId, cancellationToken);
            var now = time.GetUtcNow();
            if (run is null || run.RunState != RunState.Queued || run.NotBefore > now.UtcDateTime)
            {
                return false;
            }

            var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
            if (run.ConcurrencyKey is { } key && plan.Definition.Spec.Concurrency is { } limit)
            {
                if (await runs.CountAheadInScopeAsync(tx, run, now, limit.MaxActiveRuns, cancellationToken) >= limit.MaxActiveRuns)
                {
                    return false;
                }
            }

            await runs.InsertInstancesAsync(tx, run.Id, plan.Instances(), cancellationToken);
            await runs.SetDeadlineAsync(tx, run.Id, plan.Definition.Spec.Timeout is { } timeout ? now + timeout : null, cancellationToken);
            await runs.SetRunStateAsync(tx, run, RunState.Running, null, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Admits every queued run that may start now, page by page. Within a concurrency scope admission is first
    /// come, first served, so once a run of a scope has to wait, its younger runs are not even asked: a long queue
    /// behind one limit neither hides other jobs' runs nor costs a transaction per waiting run.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AdmitDueAsync(string executor, CancellationToken cancellationToken)
    {
        const int pageSize = 500;
        var admitted = new List<Guid>();
        var waitingSince = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        DueRun? after = null;
        do
        {
            var page = await runs.DueQueuedRunsAsync(executor, pageSize, after, cancellationToken, waitingSince.Keys);
            foreach (var run in page)
            {
                var scope = run.ConcurrencyKey;
                if (scope is not null && waitingSince.TryGetValue(scope, out var oldestWaiting) && run.CreatedAt > oldestWaiting)
                {
                    continue;
                }

                if (await TryAdmitAsync(run.Id, cancellationToken))
                {
                    admitted.Add(run.Id);
                }
                else if (scope is not null)
                {
                    waitingSince[scope] = waitingSince.TryGetValue(scope, out var earlier) && earlier < run.CreatedAt ? earlier : run.CreatedAt;
                }
            }

            after = page.Count == pageSize ? page[^1] : null;
        }
        while (after is not null);

        return admitted;
    }
}
