using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Executors;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Runs;

/// <summary>
/// The one path by which runs come to exist (API, schedules, child jobs): params are checked, the
/// idempotency key and the concurrency policy are decided inside one transaction under advisory locks,
/// so simultaneous triggers are ordered by the database.
/// </summary>
public sealed class RunTrigger(
    StateChanger changer,
    JobStore jobs,
    RunStore runs,
    ConcurrencyLocks scopes,
    JobPlans plans,
    RunCancellation cancellation,
    ExecutorCatalog executors,
    TimeProvider time)
{
    /// <summary>Triggers in a transaction of its own, on behalf of <paramref name="actor"/>.</summary>
    public Task<TriggerOutcome> TriggerAsync(string actor, TriggerCommand command, CancellationToken cancellationToken) =>
        changer.RunAsync(actor, tx => TriggerAsync(tx, command, cancellationToken), cancellationToken);

    /// <summary>Triggers inside the caller's transaction (a parent run starting a child, a cron tick with its event).</summary>
    public async Task<TriggerOutcome> TriggerAsync(StateTransaction tx, TriggerCommand command, CancellationToken cancellationToken)
    {
        if (await jobs.FindLiveAsync(tx.Transaction, command.Namespace, command.Job, cancellationToken) is not { } found)
        {
            return new TriggerOutcome(TriggerStatus.JobNotFound, null, [], $"Job {command.Namespace}/{command.Job} does not exist.");
        }

        if (command.IdempotencyKey is { } key)
        {
            await scopes.LockScopeAsync(tx.Transaction, $"idempotency:{found.Id}:{key}", cancellationToken);
            if (await runs.FindByIdempotencyKeyAsync(tx.Transaction, found.Id, key, cancellationToken) is { } existing)
            {
                return new TriggerOutcome(TriggerStatus.Existing, existing, []);
            }
        }

        var plan = await plans.GetAsync(found.Id, found.Version, cancellationToken);
        var spec = plan.Definition.Spec;
        var (executor, available) = executors.For(spec);
        if (!available)
        {
            return new TriggerOutcome(TriggerStatus.ExecutorUnavailable, null, [],
                $"Job {command.Namespace}/{command.Job} runs on the `{ExecutorCatalog.NameOf(executor)}` executor, which this server does not have configured.");
        }

        var (values, errors) = command.TextParams is not null
            ? ParamResolver.FromText(spec.Params, command.TextParams)
            : ParamResolver.FromJson(spec.Params, command.JsonParams);
        if (values is null)
        {
            return new TriggerOutcome(TriggerStatus.InvalidParams, null, errors);
        }

        var now = time.GetUtcNow();
        var scope = ConcurrencyScope.Of(spec, found.Id);
        var (state, reason) = scope is null
            ? (RunState.Queued, (string?)null)
            : await ApplyConflictPolicyAsync(tx, spec.Concurrency!, scope, cancellationToken);

        var run = new RunRecord(
            Guid.CreateVersion7(now), found.Id, command.Namespace, command.Job, found.Version, ExecutorCatalog.NameOf(executor), state.ToWire(), reason,
            RunStore.ParamsJson(values), spec.Priority, scope, command.IdempotencyKey, command.Trigger, tx.Actor,
            command.ParentRunId, command.ParentTask, command.ParentReplica,
            command.NotBefore ?? now + (command.Delay ?? TimeSpan.Zero), null, now, null, state.IsTerminal() ? now : null);
        await tx.CreateRunAsync(run, cancellationToken);
        return new TriggerOutcome(TriggerStatus.Created, run, []);
    }

    private async Task<(RunState, string?)> ApplyConflictPolicyAsync(
        StateTransaction tx, ConcurrencySpec concurrency, string scope, CancellationToken cancellationToken)
    {
        await scopes.LockScopeAsync(tx.Transaction, scope, cancellationToken);
        var live = await scopes.CountLiveAsync(tx.Transaction, scope, concurrency.MaxActiveRuns, cancellationToken);
        if (live < concurrency.MaxActiveRuns)
        {
            return (RunState.Queued, null);
        }

        switch (concurrency.OnConflict)
        {
            case ConflictPolicy.Skip:
                return (RunState.Skipped, $"concurrency: {live} live run(s) in {scope}, maxActiveRuns {concurrency.MaxActiveRuns} (onConflict: skip)");
            case ConflictPolicy.CancelRunning:
                foreach (var other in await scopes.LiveRunsAsync(tx.Transaction, scope, cancellationToken))
                {
                    var locked = await runs.LockAsync(tx.Transaction, other, cancellationToken);
                    if (locked is not null && !locked.RunState.IsTerminal())
                    {
                        await cancellation.EndAsync(tx, locked, RunState.Cancelled, "cancelled by a newer run (onConflict: cancel-running)", cancellationToken);
                    }
                }

                return (RunState.Queued, null);
            default:
                return (RunState.Queued, $"waiting: maxActiveRuns {concurrency.MaxActiveRuns} reached in {scope}");
        }
    }
}
