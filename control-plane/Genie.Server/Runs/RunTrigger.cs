using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Executors;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Genie.Server.Telemetry;

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
    RunSignal signal,
    TimeProvider time)
{
    /// <summary>
    /// Triggers in a transaction of its own, on behalf of <paramref name="actor"/>. A run that has to wait for a slot of
    /// its concurrency scope wakes no executor (admission would only find the scope full again, a transaction per full
    /// scope), unless a wake-up for everything went out while it was being decided: that may be a slot freed by a run
    /// whose own wake-up came too early to see this one.
    /// </summary>
    public async Task<TriggerOutcome> TriggerAsync(string actor, TriggerCommand command, CancellationToken cancellationToken)
    {
        var wakesBefore = signal.EverythingWakes;
        var (outcome, waits) = await changer.RunAsync(actor, tx => CreateAsync(tx, command, deferWaiting: true, cancellationToken), cancellationToken);
        if (waits && signal.EverythingWakes != wakesBefore)
        {
            signal.Wake();
        }

        return outcome;
    }

    /// <summary>Triggers inside the caller's transaction (a parent run starting a child, a cron tick with its event).</summary>
    public async Task<TriggerOutcome> TriggerAsync(StateTransaction tx, TriggerCommand command, CancellationToken cancellationToken) =>
        (await CreateAsync(tx, command, deferWaiting: false, cancellationToken)).Outcome;

    /// <summary>
    /// The trigger itself. With <paramref name="deferWaiting"/>, a run queued behind a full scope wakes no one and is
    /// reported as waiting, for the caller to act after commit; otherwise every queued run wakes admission.
    /// </summary>
    private async Task<(TriggerOutcome Outcome, bool Waits)> CreateAsync(
        StateTransaction tx, TriggerCommand command, bool deferWaiting, CancellationToken cancellationToken)
    {
        using var span = GenieActivitySource.Source.StartActivity("genie.run.trigger");
        span?.SetTag(GenieActivitySource.NamespaceTag, command.Namespace);
        span?.SetTag(GenieActivitySource.JobTag, command.Job);
        var (outcome, waits) = await DecideAsync(tx, command, deferWaiting, cancellationToken);
        span?.SetTag("genie.trigger.status", outcome.Status.ToString());
        if (outcome.Run is { } run)
        {
            span?.SetTag(GenieActivitySource.RunIdTag, run.Id.ToString());
        }

        return (outcome, waits);
    }

    private async Task<(TriggerOutcome Outcome, bool Waits)> DecideAsync(
        StateTransaction tx, TriggerCommand command, bool deferWaiting, CancellationToken cancellationToken)
    {
        if (await jobs.FindLiveAsync(tx.Transaction, command.Namespace, command.Job, cancellationToken) is not { } found)
        {
            return (new TriggerOutcome(TriggerStatus.JobNotFound, null, [], $"Job {command.Namespace}/{command.Job} does not exist."), false);
        }

        if (command.IdempotencyKey is { } key)
        {
            await scopes.LockScopeAsync(tx.Transaction, $"idempotency:{found.Id}:{key}", cancellationToken);
            if (await runs.FindByIdempotencyKeyAsync(tx.Transaction, found.Id, key, cancellationToken) is { } existing)
            {
                return (new TriggerOutcome(TriggerStatus.Existing, existing, []), false);
            }
        }

        var plan = await plans.GetAsync(found.Id, found.Version, cancellationToken);
        var spec = plan.Definition.Spec;
        var (executor, available) = executors.For(spec);
        if (!available)
        {
            return (new TriggerOutcome(TriggerStatus.ExecutorUnavailable, null, [],
                $"Job {command.Namespace}/{command.Job} runs on the `{ExecutorCatalog.NameOf(executor)}` executor, which this server does not have configured."), false);
        }

        var (values, errors) = command.TextParams is not null
            ? ParamResolver.FromText(spec.Params, command.TextParams)
            : ParamResolver.FromJson(spec.Params, command.JsonParams);
        if (values is null)
        {
            return (new TriggerOutcome(TriggerStatus.InvalidParams, null, errors), false);
        }

        var now = time.GetUtcNow();
        var scope = ConcurrencyScope.Of(spec, found.Id);
        var (state, reason, waits) = scope is null
            ? (RunState.Queued, (string?)null, false)
            : await ApplyConflictPolicyAsync(tx, spec.Concurrency!, scope, now, cancellationToken);
        var deferred = waits && deferWaiting;

        // The trigger span is current here: its trace is the run's, which later spans join and the portal links to.
        var trace = RunTraceContext.OfCurrent();
        var run = new RunRecord(
            Guid.CreateVersion7(now), found.Id, command.Namespace, command.Job, found.Version, ExecutorCatalog.NameOf(executor), state.ToWire(), reason,
            RunStore.ParamsJson(values), spec.Priority, scope, command.IdempotencyKey, command.Trigger, tx.Actor,
            command.ParentRunId, command.ParentTask, command.ParentReplica,
            command.NotBefore ?? now + (command.Delay ?? TimeSpan.Zero), null, now, null, state.IsTerminal() ? now : null)
        {
            TraceId = trace?.TraceId,
            TraceSpanId = trace?.SpanId,
        };
        var grants = command.Grants ?? await jobs.AppliedGrantsAsync(tx.Transaction, found.Id, found.Version, cancellationToken);
        await tx.CreateRunAsync(run, grants, waitsForSlot: deferred, cancellationToken);
        return (new TriggerOutcome(TriggerStatus.Created, run, []), deferred);
    }

    // The state and reason of the new run, and whether it waits for a slot: queued where admission, which counts only
    // runs that are due, would find the scope full too.
    private async Task<(RunState, string?, bool)> ApplyConflictPolicyAsync(
        StateTransaction tx, ConcurrencySpec concurrency, string scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (live, aheadOfNew) = await scopes.LockAndCountAsync(tx.Transaction, scope, concurrency.MaxActiveRuns, now, cancellationToken);
        if (live < concurrency.MaxActiveRuns)
        {
            return (RunState.Queued, null, false);
        }

        switch (concurrency.OnConflict)
        {
            case ConflictPolicy.Skip:
                return (RunState.Skipped, $"concurrency: {live} live run(s) in {scope}, maxActiveRuns {concurrency.MaxActiveRuns} (onConflict: skip)", false);
            case ConflictPolicy.CancelRunning:
                foreach (var other in await scopes.LiveRunsAsync(tx.Transaction, scope, cancellationToken))
                {
                    var locked = await runs.LockAsync(tx.Transaction, other, cancellationToken);
                    if (locked is not null && !locked.RunState.IsTerminal())
                    {
                        await cancellation.EndAsync(tx, locked, RunState.Cancelled, "cancelled by a newer run (onConflict: cancel-running)", cancellationToken);
                    }
                }

                return (RunState.Queued, null, false);
            default:
                return (RunState.Queued, $"waiting: maxActiveRuns {concurrency.MaxActiveRuns} reached in {scope}", aheadOfNew >= concurrency.MaxActiveRuns);
        }
    }
}
