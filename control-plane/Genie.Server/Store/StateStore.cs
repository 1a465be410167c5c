using Dapper;
using Genie.Core.Runs;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// The only SQL that writes the state of runs, task instances and attempts; used by the state changer alone,
/// which checks each move against Genie.Core's transition tables first. Every update is guarded by the states the
/// move may start from, and answers the state it found, so a move the table forbids is never written even when
/// the caller's view of the row was stale.
/// </summary>
public sealed class StateStore
{
    /// <summary>
    /// Inserts a new run in its initial state and, in the same round trip, writes <paramref name="events"/> (the
    /// transaction's events so far, the run's own last).
    /// </summary>
    public Task InsertRunAsync(
        NpgsqlTransaction tx, RunRecord run, IReadOnlyList<string>? grants, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(run);
        parameters.Add("Grants", grants?.ToArray());
        parameters.AddDynamicParams(EventOutbox.Parameters(events));
        return tx.Connection!.ExecuteAsync(new CommandDefinition(InsertRunSql + ";\n" + EventOutbox.InsertSql, parameters, tx, cancellationToken: cancellationToken));
    }

    private const string InsertRunSql = """
            insert into runs (id, job_id, namespace, job_name, job_version, executor, state, reason, params, priority,
                              concurrency_key, idempotency_key, trigger, triggered_by, parent_run_id, parent_task, parent_replica,
                              not_before, deadline, created_at, started_at, finished_at, updated_at, grants, trace_id, trace_span_id)
            values (@Id, @JobId, @Namespace, @JobName, @JobVersion, @Executor, @State, @Reason, @Params::jsonb, @Priority,
                    @ConcurrencyKey, @IdempotencyKey, @Trigger, @TriggeredBy, @ParentRunId, @ParentTask, @ParentReplica,
                    @NotBefore, @Deadline, @CreatedAt, @StartedAt, @FinishedAt, @CreatedAt, @Grants, @TraceId, @TraceSpanId)
            """;

    /// <summary>
    /// Moves a run from one of <paramref name="from"/> to <paramref name="to"/>, stamping start and finish times; the
    /// state it was in, or null when it was in none of them. A run that goes back to queued (a retry) has not started
    /// again: admission stamps its new start and sets its new deadline.
    /// </summary>
    public async Task<RunState?> MoveRunAsync(
        NpgsqlTransaction tx, Guid runId, IReadOnlyList<RunState> from, RunState to, string? reason, DateTimeOffset now,
        CancellationToken cancellationToken, DateTimeOffset? deadline = null)
    {
        var previous = await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition("""
            update runs r set state = @to, reason = @reason, updated_at = @now,
                started_at = case when @to = 'running' then coalesce(r.started_at, @now) when @to = 'queued' then null else r.started_at end,
                deadline = case when @to = 'queued' then null else coalesce(@deadline, r.deadline) end,
                finished_at = case when @terminal then @now else null end
            from (select state from runs where id = @runId for update) old
            where r.id = @runId and old.state = any(@from)
            returning old.state
            """, new { runId, to = to.ToWire(), reason, now, deadline, terminal = to.IsTerminal(), from = from.Select(s => s.ToWire()).ToArray() },
            tx, cancellationToken: cancellationToken));
        return previous is null ? null : RunStates.Parse(previous);
    }

    /// <summary>
    /// Moves one task instance from one of <paramref name="from"/>; the state it was in, or null when it was in none of
    /// them. Back to pending starts a new round of retries.
    /// </summary>
    public async Task<TaskState?> MoveTaskAsync(
        NpgsqlTransaction tx, Guid runId, string task, int replica, IReadOnlyList<TaskState> from, TaskChange change, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var previous = await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition("""
            update run_tasks k set state = @state, reason = @Reason, updated_at = @now,
                exit_code = coalesce(@ExitCode, case when @state = 'pending' then null else k.exit_code end),
                next_attempt_at = @NextAttemptAt,
                child_run_id = coalesce(@ChildRunId, k.child_run_id),
                started_at = case when @state = 'running' then coalesce(k.started_at, @now) when @state = 'pending' then null else k.started_at end,
                retry_base = case when @state = 'pending' then k.attempts else k.retry_base end,
                finished_at = case when @terminal then @now else null end
            from (select state from run_tasks where run_id = @runId and task_name = @task and replica = @replica for update) old
            where k.run_id = @runId and k.task_name = @task and k.replica = @replica and old.state = any(@from)
            returning old.state
            """, new
        {
            state = change.State.ToWire(), change.Reason, now, change.ExitCode, change.NextAttemptAt, change.ChildRunId,
            terminal = change.State.IsTerminal(), runId, task, replica, from = from.Select(s => s.ToWire()).ToArray(),
        }, tx, cancellationToken: cancellationToken));
        return previous is null ? null : TaskStates.Parse(previous);
    }

    /// <summary>The state a run's row is in right now (to name both states of a refused move).</summary>
    public async Task<RunState?> RunStateAsync(NpgsqlTransaction tx, Guid runId, CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select state from runs where id = @runId", new { runId }, tx, cancellationToken: cancellationToken)) is { } wire
            ? RunStates.Parse(wire)
            : null;

    public async Task<TaskState?> TaskStateAsync(NpgsqlTransaction tx, Guid runId, string task, int replica, CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select state from run_tasks where run_id = @runId and task_name = @task and replica = @replica",
            new { runId, task, replica }, tx, cancellationToken: cancellationToken)) is { } wire
            ? TaskStates.Parse(wire)
            : null;

    public async Task<AttemptState?> AttemptStateAsync(
        NpgsqlTransaction tx, Guid runId, string task, int replica, int attempt, CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select state from task_attempts where run_id = @runId and task_name = @task and replica = @replica and attempt = @attempt",
            new { runId, task, replica, attempt }, tx, cancellationToken: cancellationToken)) is { } wire
            ? AttemptStates.Parse(wire)
            : null;

    /// <summary>
    /// Creates attempt number <paramref name="attempt"/> of an instance, running, owned by <paramref name="owner"/>; true when it
    /// is the run's first attempt of any task (the first-task start delay ends with it). Attempts are never deleted while
    /// the run lives, so a retried run's attempts are not first.
    /// </summary>
    public async Task<bool> InsertAttemptAsync(
        NpgsqlTransaction tx, Guid runId, string task, int replica, int attempt, string logPath, string? owner, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        // The returning clause's subquery sees the table as it was before this insert.
        await tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition("""
            update run_tasks set attempts = greatest(attempts, @attempt) where run_id = @runId and task_name = @task and replica = @replica;
            insert into task_attempts (run_id, task_name, replica, attempt, state, log_path, owner, started_at)
            values (@runId, @task, @replica, @attempt, 'running', @logPath, @owner, @now)
            returning not exists (select 1 from task_attempts a where a.run_id = @runId)
            """, new { runId, task, replica, attempt, logPath, owner, now }, tx, cancellationToken: cancellationToken));

    /// <summary>
    /// Ends an attempt that is in one of <paramref name="from"/>; when it started, or null when it was in none of them (already
    /// ended by a cancel or a recovery). The process's pid is written here, with the end, rather than by a round trip of its own
    /// at the start: the wrapper's pid file is what a recovery reads while the attempt runs.
    /// </summary>
    public async Task<DateTimeOffset?> FinishAttemptAsync(
        NpgsqlTransaction tx, AttemptKey key, IReadOnlyList<AttemptState> from, AttemptState to, int? exitCode, string? reason,
        DateTimeOffset? finishedAt, int? pid, CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            update task_attempts set state = @to, exit_code = @exitCode, reason = @reason, finished_at = @finishedAt, pid = coalesce(@pid, pid)
            where run_id = @RunId and task_name = @Task and replica = @Replica and attempt = @Attempt and state = any(@from)
            returning started_at
            """, new
        {
            to = to.ToWire(), exitCode, reason, finishedAt, pid, key.RunId, key.Task, key.Replica, key.Attempt,
            from = from.Select(s => s.ToWire()).ToArray(),
        }, tx, cancellationToken: cancellationToken)) is { } started
            ? new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc))
            : null;

    /// <summary>Attempts of an instance still running below attempt <paramref name="below"/> (a mirror saw a later try).</summary>
    public async Task<IReadOnlyList<int>> RunningAttemptsBelowAsync(
        NpgsqlTransaction tx, Guid runId, string task, int replica, int below, CancellationToken cancellationToken) =>
        (await tx.Connection!.QueryAsync<int>(new CommandDefinition("""
            select attempt from task_attempts
            where run_id = @runId and task_name = @task and replica = @replica and attempt < @below and state = 'running'
            order by attempt
            """, new { runId, task, replica, below }, tx, cancellationToken: cancellationToken))).ToList();

    /// <summary>
    /// Gives a failed attempt that ended without a reason the one its executor learnt afterwards (an Airflow pod's, from
    /// the listener); a reason already there is never replaced. The state is not touched.
    /// </summary>
    public Task AddFailedAttemptReasonAsync(NpgsqlTransaction tx, AttemptKey key, string reason, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update task_attempts set reason = @reason
            where run_id = @RunId and task_name = @Task and replica = @Replica and attempt = @Attempt
              and state = 'failed' and reason is null
            """, new { reason, key.RunId, key.Task, key.Replica, key.Attempt }, tx, cancellationToken: cancellationToken));

    /// <summary>
    /// Appends <paramref name="detail"/> to an instance's reason while it is still one of <paramref name="plainReasons"/>
    /// written for attempt <see cref="AttemptKey.Attempt"/> (its latest): a later move, with its own reason, wins. The state is not touched.
    /// </summary>
    public Task AddTaskReasonDetailAsync(
        NpgsqlTransaction tx, AttemptKey key, IReadOnlyList<string> plainReasons, string detail, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update run_tasks set reason = reason || @detail
            where run_id = @RunId and task_name = @Task and replica = @Replica and attempts = @Attempt and reason = any(@plainReasons)
            """, new { detail, plainReasons = plainReasons.ToArray(), key.RunId, key.Task, key.Replica, key.Attempt },
            tx, cancellationToken: cancellationToken));

    /// <summary>Corrects when an attempt that another system ran started (Airflow's own start time).</summary>
    public Task SetAttemptStartAsync(NpgsqlTransaction tx, AttemptKey key, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update task_attempts set started_at = @startedAt
            where run_id = @RunId and task_name = @Task and replica = @Replica and attempt = @Attempt
            """, new { startedAt, key.RunId, key.Task, key.Replica, key.Attempt }, tx, cancellationToken: cancellationToken));
}
