using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Genie.Server.Telemetry;

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
    /// <summary>
    /// Admits a run the queue listed as due if it may start now (its state and time are checked again under its lock; its
    /// concurrency key never changes, so the listing's is the one to lock). <paramref name="thenInSameTransaction"/> runs on
    /// the admitted run (locked, now running) before commit, so an executor can queue and start its first tasks at once.
    /// </summary>
    public async Task<bool> TryAdmitAsync(
        DueRun due, CancellationToken cancellationToken, Func<StateTransaction, RunRecord, Task>? thenInSameTransaction = null)
    {
        return await changer.RunAsync(Actors.Executor, async tx =>
        {
            if (due.ConcurrencyKey is { } scope)
            {
                await scopes.LockScopeAsync(tx.Transaction, scope, cancellationToken);
            }

            var run = await runs.LockAsync(tx.Transaction, due.Id, cancellationToken);
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

            using var span = GenieActivitySource.StartRunSpan("genie.run.admit", run.Id, run.Namespace, run.JobName, run.TraceContext());
            var deadline = plan.Definition.Spec.Timeout is { } timeout ? now + timeout : (DateTimeOffset?)null;
            await instances.InsertAsync(tx.Transaction, run.Id, plan.Instances(), cancellationToken);
            if (!await tx.MoveRunAsync(run, RunState.Running, null, cancellationToken, deadline))
            {
                return false;
            }

            if (thenInSameTransaction is not null)
            {
                await thenInSameTransaction(tx, run with { State = RunState.Running.ToWire(), Deadline = deadline, StartedAt = run.StartedAt ?? now });
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Admits every queued run that may start now, page by page. Within a concurrency scope admission is first
    /// come, first served, so once a run of a scope has to wait, its younger runs are not even asked: a long queue
    /// behind one limit neither hides other jobs' runs nor costs a transaction per waiting run. At most
    /// <paramref name="limit"/> runs are admitted (an executor admits what its slots can serve, so a burst waits in
    /// `queued`, not in `running`). <paramref name="admit"/> replaces <see cref="TryAdmitAsync"/> for an executor that does
    /// more in the admitting transaction and after its commit (the local executor starts the run's first tasks).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AdmitDueAsync(
        string executor, CancellationToken cancellationToken, int limit = int.MaxValue, Func<DueRun, Task<bool>>? admit = null)
    {
        admit ??= due => TryAdmitAsync(due, cancellationToken);
        if (limit <= 0)
        {
            return [];
        }

        const int pageSize = 500;
        var admitted = new List<Guid>();
        var waitingSince = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        DueRun? after = null;
        do
        {
            var requested = Math.Min(pageSize, limit - admitted.Count);
            var page = await queue.DueQueuedRunsAsync(executor, requested, after, cancellationToken, waitingSince.Keys);
            foreach (var run in page)
            {
                var scope = run.ConcurrencyKey;
                if (scope is not null && waitingSince.TryGetValue(scope, out var oldestWaiting) && run.CreatedAt > oldestWaiting)
                {
                    continue;
                }

                if (await admit(run))
                {
                    admitted.Add(run.Id);
                    if (admitted.Count == limit)
                    {
                        return admitted;
                    }
                }
                else if (scope is not null)
                {
                    waitingSince[scope] = waitingSince.TryGetValue(scope, out var earlier) && earlier < run.CreatedAt ? earlier : run.CreatedAt;
                }
            }

            after = page.Count == requested ? page[^1] : null;
        }
        while (after is not null);

        return admitted;
    }
}
