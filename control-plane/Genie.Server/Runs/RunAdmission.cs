using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Runs;

/// <summary>
/// Moves a due queued run to running when its concurrency scope has room, oldest first, and creates its
/// task instances. The scope's advisory lock is taken before the run's row lock, in the same order the
/// trigger takes them, so the two never deadlock.
/// </summary>
public sealed class RunAdmission(
    StateChanger changer, RunStore runs, TaskInstanceStore instances, RunQueueStore queue, ConcurrencyLocks scopes, JobPlans plans,
    TimeProvider time)
{
    public async Task<bool> TryAdmitAsync(Guid runId, CancellationToken cancellationToken)
    {
        var peek = await runs.GetAsync(runId, cancellationToken);
        if (peek is null || peek.RunState != RunState.Queued)
        {
            return false;
        }

        return await changer.RunAsync(Actors.Executor, async tx =>
        {
            if (peek.ConcurrencyKey is { } scope)
            {
                await scopes.LockScopeAsync(tx.Transaction, scope, cancellationToken);
            }

            var run = await runs.LockAsync(tx.Transaction, runId, cancellationToken);
            var now = time.GetUtcNow();
            if (run is null || run.RunState != RunState.Queued || run.NotBefore > now)
            {
                return false;
            }

            var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
            if (run.ConcurrencyKey is not null && plan.Definition.Spec.Concurrency is { } limit)
            {
                if (await scopes.CountAheadAsync(tx.Transaction, run, now, limit.MaxActiveRuns, cancellationToken) >= limit.MaxActiveRuns)
                {
                    return false;
                }
            }

            await instances.InsertAsync(tx.Transaction, run.Id, plan.Instances(), cancellationToken);
            await runs.SetDeadlineAsync(tx.Transaction, run.Id, plan.Definition.Spec.Timeout is { } timeout ? now + timeout : null, cancellationToken);
            return await tx.MoveRunAsync(run, RunState.Running, null, cancellationToken);
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
        var waitingSince = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        DueRun? after = null;
        do
        {
            var page = await queue.DueQueuedRunsAsync(executor, pageSize, after, cancellationToken, waitingSince.Keys);
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
