using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Server.Notifications;
using Genie.Server.Store;
using Npgsql;

namespace Genie.Server.Runs.Transitions;

/// <summary>
/// One transaction through the <see cref="StateChanger"/>: every move is checked against its transition table,
/// written together with its typed event (recording <see cref="Actor"/>), and adds to <see cref="Effects"/>. A move
/// the table forbids is a bug in the caller: it is logged with both states and refused, never written.
/// </summary>
public sealed class StateTransaction
{
    private readonly StateStore _states;
    private readonly RunNotifications _notifications;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal StateTransaction(
        NpgsqlTransaction transaction, string actor, StateStore states, RunNotifications notifications, TimeProvider time, ILogger logger)
    {
        Transaction = transaction;
        Actor = actor;
        _states = states;
        _notifications = notifications;
        _time = time;
        _logger = logger;
    }

    /// <summary>The transaction the moves are written in; reads and row locks of the same work use it too.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Who the moves are recorded against.</summary>
    public string Actor { get; }

    public StateEffects Effects { get; } = new();

    /// <summary>The events of the moves so far not yet written; the changer writes them in one statement just before commit.</summary>
    internal List<PendingEvent> Events { get; } = [];

    /// <summary>Adds an event to the transaction's outbox rows (for facts beside the moves, such as a cron tick).</summary>
    public void Record<TEvent>(DateTimeOffset occurredAt, TEvent payload) where TEvent : IGenieEvent =>
        Events.Add(PendingEvent.Of(occurredAt, payload));

    /// <summary>
    /// Records a new run in its initial state (`queued`, or `skipped` by its concurrency policy). A run queued behind a
    /// full concurrency scope (<paramref name="waitsForSlot"/>) wakes no one: admission could not start it, and the move
    /// that frees a slot wakes admission itself. Whoever creates one must look for a slot freed before its commit (see
    /// <see cref="RunTrigger"/>). <paramref name="grants"/> are what the run may do when it triggers child jobs.
    /// </summary>
    public async Task CreateRunAsync(RunRecord run, IReadOnlyList<string>? grants, bool waitsForSlot, CancellationToken cancellationToken)
    {
        var state = run.RunState;
        if (!RunTransitions.Initial.Contains(state))
        {
            throw new InvalidOperationException($"A run cannot be created {run.State}.");
        }

        Record(run.CreatedAt, new RunCreated(
            run.Id, run.Namespace, run.JobName, run.JobVersion, run.Executor, state, run.Reason, run.Trigger, run.NotBefore,
            run.ParentRunId, Actor));

        // The run goes with the events so far (its own last) in one round trip, which a trigger has to itself.
        await _states.InsertRunAsync(Transaction, run with { TriggeredBy = Actor }, grants, Events, cancellationToken);
        Events.Clear();
        await _notifications.RecordAsync(Transaction, run, state, run.Reason, Actor, run.CreatedAt, cancellationToken);
        Effects.Record(run, "run", "none", state.ToWire());
        if (state == RunState.Queued && !waitsForSlot)
        {
            Effects.WakeAll();
        }
    }

    /// <summary>
    /// Moves a locked run; false (and an error in the log) when the table forbids the move from its current state. An admission
    /// passes the run's <paramref name="deadline"/> (now + its timeout) to be written with the move.
    /// </summary>
    public async Task<bool> MoveRunAsync(RunRecord run, RunState to, string? reason, CancellationToken cancellationToken, DateTimeOffset? deadline = null)
    {
        var now = _time.GetUtcNow();
        var from = await _states.MoveRunAsync(Transaction, run.Id, RunTransitions.Table.SourcesOf(to), to, reason, now, cancellationToken, deadline);
        if (from is not { } previous)
        {
            var current = await _states.RunStateAsync(Transaction, run.Id, cancellationToken);
            _logger.LogError("Refused to move run {Run} from {From} to {To} ({Reason}): the transition table does not allow it",
                run.Id, current?.ToWire() ?? "nothing", to.ToWire(), reason);
            return false;
        }

        Record(now, new RunStateChanged(
            run.Id, run.Namespace, run.JobName, run.JobVersion, previous, to, reason, run.ParentRunId, Actor));
        await _notifications.RecordAsync(Transaction, run, to, reason, Actor, now, cancellationToken);
        Effects.Record(run, "run", previous.ToWire(), to.ToWire(), to.IsTerminal() && run.StartedAt is { } started ? now - started : null);
        if (to == RunState.Queued)
        {
            Effects.WakeAll();
        }
        else if (to.IsTerminal())
        {
            // A finished run frees its concurrency slot and may be the child its parent waits for. (Its processes are
            // stopped because its running tasks were cancelled, which wakes it below.)
            Effects.WakeAll();
            if (run.ParentRunId is { } parent)
            {
                Effects.Wake(parent);
            }
        }
        else if (to == RunState.Suspended || previous == RunState.Suspended)
        {
            Effects.Wake(run.Id);
        }

        return true;
    }

    /// <summary>Moves one task instance of a locked run; false (and an error in the log) when the table forbids it.</summary>
    public async Task<bool> MoveTaskAsync(RunRecord run, string task, int replica, TaskChange change, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var to = change.State;
        var from = await _states.MoveTaskAsync(Transaction, run.Id, task, replica, TaskTransitions.Table.SourcesOf(to), change, now, cancellationToken);
        if (from is not { } previous)
        {
            var current = await _states.TaskStateAsync(Transaction, run.Id, task, replica, cancellationToken);
            _logger.LogError("Refused to move task {Task}[{Replica}] of run {Run} from {From} to {To} ({Reason}): the transition table does not allow it",
                task, replica, run.Id, current?.ToWire() ?? "nothing", to.ToWire(), change.Reason);
            return false;
        }

        Record(now, new TaskStateChanged(
            run.Id, run.Namespace, run.JobName, task, replica, previous, to, change.Reason, change.ExitCode, change.NextAttemptAt,
            change.ChildRunId, Actor));
        Effects.Record(run, "task", previous.ToWire(), to.ToWire());
        if (to == TaskState.Cancelled && previous == TaskState.Running)
        {
            // The executor running its process stops it when it looks at the run.
            Effects.Wake(run.Id);
        }

        return true;
    }

    /// <summary>
    /// Starts the next attempt of an instance: the attempt row (running, owned by <paramref name="owner"/>, its log where
    /// <paramref name="logPathOf"/> puts that attempt number), its event, and the instance running. Returns the attempt number.
    /// </summary>
    public async Task<int> StartAttemptAsync(
        RunRecord run, TaskInstanceRecord instance, Func<int, string> logPathOf, string? owner, CancellationToken cancellationToken)
    {
        var attempt = instance.Attempts + 1;
        await InsertAttemptAsync(run, instance.TaskName, instance.Replica, attempt, logPathOf(attempt), owner, cancellationToken);
        await MoveTaskAsync(run, instance.TaskName, instance.Replica, new TaskChange(TaskState.Running, $"attempt {attempt}"), cancellationToken);
        return attempt;
    }

    /// <summary>
    /// Ends a running attempt; false when it had already ended (a cancel or a recovery got there first). The run is woken to
    /// move on, unless <paramref name="advancedInThisTransaction"/> says the caller moves it on itself before commit.
    /// </summary>
    public async Task<bool> FinishAttemptAsync(
        RunRecord run, AttemptKey key, AttemptState to, int? exitCode, string? reason, CancellationToken cancellationToken,
        DateTimeOffset? finishedAt = null, int? pid = null, bool advancedInThisTransaction = false)
    {
        var now = _time.GetUtcNow();
        var ended = finishedAt ?? now;
        if (await _states.FinishAttemptAsync(Transaction, key, AttemptTransitions.Table.SourcesOf(to), to, exitCode, reason, ended, pid, cancellationToken)
            is not { } started)
        {
            var current = await _states.AttemptStateAsync(Transaction, key.RunId, key.Task, key.Replica, key.Attempt, cancellationToken);
            if (current is null || !current.Value.IsTerminal())
            {
                _logger.LogError("Refused to end attempt {Attempt} of {Task}[{Replica}] in run {Run} as {To}: it is {From}",
                    key.Attempt, key.Task, key.Replica, key.RunId, to.ToWire(), current?.ToWire() ?? "missing");
            }

            return false;
        }

        Record(now, new AttemptFinished(
            run.Id, run.Namespace, run.JobName, key.Task, key.Replica, key.Attempt, to, exitCode, reason, Actor));
        Effects.Record(run, "attempt", AttemptState.Running.ToWire(), to.ToWire(), ended - started);
        if (!advancedInThisTransaction)
        {
            Effects.Wake(run.Id);
        }

        return true;
    }

    /// <summary>
    /// Records a try another system runs (Airflow) as an attempt: created when first seen, ended once it is seen ended,
    /// and earlier tries still marked running ended as failed (a later try means they did not succeed). A try that ends
    /// failed gets its reason from <paramref name="failureReasons"/> when the other system gave one.
    /// </summary>
    public async Task MirrorAttemptAsync(
        RunRecord run, string task, int replica, int attempt, AttemptState state, string logReference,
        DateTimeOffset? startedAt, DateTimeOffset? finishedAt, IReadOnlyDictionary<AttemptKey, string> failureReasons,
        CancellationToken cancellationToken)
    {
        foreach (var earlier in await _states.RunningAttemptsBelowAsync(Transaction, run.Id, task, replica, attempt, cancellationToken))
        {
            var earlierKey = new AttemptKey(run.Id, task, replica, earlier);
            await FinishAttemptAsync(run, earlierKey, AttemptState.Failed, null, failureReasons.GetValueOrDefault(earlierKey), cancellationToken);
        }

        var key = new AttemptKey(run.Id, task, replica, attempt);
        var current = await _states.AttemptStateAsync(Transaction, run.Id, task, replica, attempt, cancellationToken);
        if (current is null)
        {
            await InsertAttemptAsync(run, task, replica, attempt, logReference, null, cancellationToken);
            current = AttemptState.Running;
        }

        if (startedAt is { } started)
        {
            await _states.SetAttemptStartAsync(Transaction, key, started, cancellationToken);
        }

        if (current == AttemptState.Running && state != AttemptState.Running)
        {
            var reason = state == AttemptState.Failed ? failureReasons.GetValueOrDefault(key) : null;
            await FinishAttemptAsync(run, key, state, null, reason, cancellationToken, finishedAt);
        }
    }

    /// <summary>
    /// What an executor learnt about a failed try after it was ended (an Airflow pod's reason, from the listener): the attempt
    /// gets <paramref name="attemptReason"/> if it ended failed without one, and its instance gets <paramref name="instanceDetail"/>
    /// appended while its reason is still one of <paramref name="plainInstanceReasons"/> from that try. Nothing moves, so no event.
    /// </summary>
    public async Task AddFailureReasonAsync(
        AttemptKey key, string attemptReason, IReadOnlyList<string> plainInstanceReasons, string instanceDetail, CancellationToken cancellationToken)
    {
        await _states.AddFailedAttemptReasonAsync(Transaction, key, attemptReason, cancellationToken);
        await _states.AddTaskReasonDetailAsync(Transaction, key, plainInstanceReasons, instanceDetail, cancellationToken);
    }

    private async Task InsertAttemptAsync(
        RunRecord run, string task, int replica, int attempt, string logPath, string? owner, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var first = await _states.InsertAttemptAsync(Transaction, run.Id, task, replica, attempt, logPath, owner, now, cancellationToken);
        Record(now, new AttemptStarted(
            run.Id, run.Namespace, run.JobName, task, replica, attempt, owner, Actor));
        Effects.Record(run, "attempt", "none", AttemptState.Running.ToWire());
        if (first)
        {
            // From when the run was due: a run triggered for later did not wait for Genie before then.
            var due = run.NotBefore > run.CreatedAt ? run.NotBefore : run.CreatedAt;
            Effects.Observe(run, "first-task", "none", AttemptState.Running.ToWire(), now - due);
        }
    }
}
