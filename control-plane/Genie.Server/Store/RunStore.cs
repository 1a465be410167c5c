using System.Text.Json;
using Dapper;
using Genie.Core.Runs;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Runs, task instances and attempts in PostgreSQL. Every state change writes its event into the outbox
/// in the same transaction; callers serialise work on one run by locking its row first (<see cref="LockAsync"/>).
/// </summary>
public sealed class RunStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly string[] LiveStates = ["queued", "running", "suspended"];

    public async Task<T> InTransactionAsync<T>(Func<NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public async Task InsertRunAsync(NpgsqlTransaction tx, RunRecord run, CancellationToken cancellationToken)
    {
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into runs (id, job_id, namespace, job_name, job_version, executor, state, reason, params, priority,
                              concurrency_key, idempotency_key, trigger, parent_run_id, parent_task, parent_replica,
                              not_before, deadline, created_at, started_at, finished_at, updated_at)
            values (@Id, @JobId, @Namespace, @JobName, @JobVersion, @Executor, @State, @Reason, @Params::jsonb, @Priority,
                    @ConcurrencyKey, @IdempotencyKey, @Trigger, @ParentRunId, @ParentTask, @ParentReplica,
                    @NotBefore, @Deadline, @CreatedAt, @StartedAt, @FinishedAt, @CreatedAt)
            """, run, tx, cancellationToken: cancellationToken));
        await RunEventAsync(tx, run, run.RunState, run.Reason, cancellationToken);
    }

    public Task<RunRecord?> FindByIdempotencyKeyAsync(NpgsqlTransaction tx, long jobId, string key, CancellationToken cancellationToken) =>
        tx.Connection!.QuerySingleOrDefaultAsync<RunRecord>(new CommandDefinition(
            $"select {RunRecord.Columns} from runs where job_id = @jobId and idempotency_key = @key",
            new { jobId, key }, tx, cancellationToken: cancellationToken));

    /// <summary>Locks the run's row for the rest of the transaction; null when there is no such run.</summary>
    public Task<RunRecord?> LockAsync(NpgsqlTransaction tx, Guid id, CancellationToken cancellationToken) =>
        tx.Connection!.QuerySingleOrDefaultAsync<RunRecord>(new CommandDefinition(
            $"select {RunRecord.Columns} from runs where id = @id for update", new { id }, tx, cancellationToken: cancellationToken));

    public async Task<RunRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RunRecord>(new CommandDefinition(
            $"select {RunRecord.Columns} from runs where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Serialises every decision about one concurrency scope (a job, or a key shared by jobs) until commit.</summary>
    public Task LockScopeAsync(NpgsqlTransaction tx, string scope, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_xact_lock(hashtext(@scope))", new { scope }, tx, cancellationToken: cancellationToken));

    /// <summary>Queued, running and suspended runs of a scope, oldest first.</summary>
    /// <summary>
    /// How many live runs the scope has, counting no further than <paramref name="cap"/>: deciding "full or not"
    /// must not read a long queue on every trigger.
    /// </summary>
    public Task<int> CountLiveInScopeAsync(NpgsqlTransaction tx, string scope, int cap, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from (select 1 from runs where concurrency_key = @scope and state = any(@LiveStates) limit @cap) live",
            new { scope, LiveStates, cap }, tx, cancellationToken: cancellationToken));

    /// <summary>
    /// The runs ahead of <paramref name="run"/> in its scope: active ones plus due queued ones created before it,
    /// counting no further than <paramref name="cap"/> of each (first come, first served admission).
    /// </summary>
    public Task<int> CountAheadInScopeAsync(NpgsqlTransaction tx, RunRecord run, DateTimeOffset now, int cap, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition("""
            select (select count(*)::int from (select 1 from runs
                     where concurrency_key = @ConcurrencyKey and state in ('running', 'suspended') limit @cap) active)
                 + (select count(*)::int from (select 1 from runs
                     where concurrency_key = @ConcurrencyKey and state = 'queued' and not_before <= @now
                       and (created_at, id) < (@CreatedAt, @Id) limit @cap) waiting)
            """, new { run.ConcurrencyKey, run.CreatedAt, run.Id, now = now.UtcDateTime, cap }, tx, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<RunRecord>> LiveInScopeAsync(NpgsqlTransaction tx, string scope, CancellationToken cancellationToken) =>
        (await tx.Connection!.QueryAsync<RunRecord>(new CommandDefinition(
            $"select {RunRecord.Columns} from runs where concurrency_key = @scope and state = any(@LiveStates) order by created_at, id",
            new { scope, LiveStates }, tx, cancellationToken: cancellationToken))).ToList();

    /// <summary>
    /// Moves a run to a state, stamping start and finish times, and records the event. A run that goes back to
    /// queued (a retry) has not started again: admission stamps its new start and sets its new deadline.
    /// </summary>
    public async Task SetRunStateAsync(NpgsqlTransaction tx, RunRecord run, RunState state, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update runs set state = @state, reason = @reason, updated_at = @now,
                started_at = case when @state = 'running' then coalesce(started_at, @now) when @state = 'queued' then null else started_at end,
                deadline = case when @state = 'queued' then null else deadline end,
                finished_at = case when @terminal then @now else null end
            where id = @Id
            """, new { state = state.ToWire(), reason, now, terminal = state.IsTerminal(), run.Id }, tx, cancellationToken: cancellationToken));
        await RunEventAsync(tx, run, state, reason, cancellationToken);
    }

    /// <summary>Sets (or clears) the moment the whole run times out.</summary>
    public Task SetDeadlineAsync(NpgsqlTransaction tx, Guid runId, DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update runs set deadline = @deadline where id = @runId", new { runId, deadline }, tx, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<TaskInstanceRecord>> InstancesAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken, NpgsqlTransaction? tx = null) =>
        (await connection.QueryAsync<TaskInstanceRecord>(new CommandDefinition(
            $"select {TaskInstanceRecord.Columns} from run_tasks where run_id = @runId order by task_name, replica",
            new { runId }, tx, cancellationToken: cancellationToken))).ToList();

    public Task<IReadOnlyList<TaskInstanceRecord>> InstancesAsync(NpgsqlTransaction tx, Guid runId, CancellationToken cancellationToken) =>
        InstancesAsync(tx.Connection!, runId, cancellationToken, tx);

    /// <summary>Creates the pending instances of a run the first time it starts.</summary>
    public Task InsertInstancesAsync(
        NpgsqlTransaction tx, Guid runId, IEnumerable<(string Task, int Replica, int Priority)> instances, CancellationToken cancellationToken)
    {
        var rows = instances.ToList();
        return tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into run_tasks (run_id, task_name, replica, priority, state, updated_at)
            select @runId, t.task, t.replica, t.priority, 'pending', @now
            from unnest(@tasks, @replicas, @priorities) as t(task, replica, priority)
            on conflict do nothing
            """, new
        {
            runId,
            tasks = rows.Select(r => r.Task).ToArray(),
            replicas = rows.Select(r => r.Replica).ToArray(),
            priorities = rows.Select(r => r.Priority).ToArray(),
            now = time.GetUtcNow(),
        }, tx, cancellationToken: cancellationToken));
    }

    /// <summary>Moves one task instance to a state and records the event; back to pending starts a new round of retries.</summary>
    public async Task SetTaskStateAsync(
        NpgsqlTransaction tx, RunRecord run, string task, int replica, TaskChange change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var state = change.State.ToWire();
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update run_tasks set state = @state, reason = @Reason, updated_at = @now,
                exit_code = coalesce(@ExitCode, case when @state = 'pending' then null else exit_code end),
                next_attempt_at = @NextAttemptAt,
                child_run_id = coalesce(@ChildRunId, child_run_id),
                started_at = case when @state = 'running' then coalesce(started_at, @now) when @state = 'pending' then null else started_at end,
                retry_base = case when @state = 'pending' then attempts else retry_base end,
                finished_at = case when @terminal then @now else null end
            where run_id = @RunId and task_name = @task and replica = @replica
            """, new
        {
            state, change.Reason, now, change.ExitCode, change.NextAttemptAt, change.ChildRunId,
            terminal = change.State.IsTerminal(), RunId = run.Id, task, replica,
        }, tx, cancellationToken: cancellationToken));
        await EventOutbox.AppendAsync(tx, now, "run", run.Id.ToString(), "task." + state, new
        {
            runId = run.Id, @namespace = run.Namespace, job = run.JobName, task, replica, state, reason = change.Reason,
            exitCode = change.ExitCode, nextAttemptAt = change.NextAttemptAt, childRunId = change.ChildRunId,
        }, cancellationToken);
    }

    /// <summary>Starts the next attempt of a queued instance: the attempt row, the instance running, one event.</summary>
    public async Task<int> StartAttemptAsync(
        NpgsqlTransaction tx, RunRecord run, TaskInstanceRecord instance, Func<int, string> logPathOf, CancellationToken cancellationToken)
    {
        var attempt = instance.Attempts + 1;
        var now = time.GetUtcNow();
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update run_tasks set attempts = @attempt where run_id = @RunId and task_name = @TaskName and replica = @Replica;
            insert into task_attempts (run_id, task_name, replica, attempt, state, log_path, started_at)
            values (@RunId, @TaskName, @Replica, @attempt, 'running', @logPath, @now)
            """, new { attempt, instance.RunId, instance.TaskName, instance.Replica, logPath = logPathOf(attempt), now },
            tx, cancellationToken: cancellationToken));
        await SetTaskStateAsync(tx, run, instance.TaskName, instance.Replica, new TaskChange(TaskState.Running, $"attempt {attempt}"), cancellationToken);
        return attempt;
    }

    public async Task SetAttemptPidAsync(Guid runId, string task, int replica, int attempt, int pid, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update task_attempts set pid = @pid where run_id = @runId and task_name = @task and replica = @replica and attempt = @attempt",
            new { pid, runId, task, replica, attempt }, cancellationToken: cancellationToken));
    }

    /// <summary>Closes an attempt; false when it was already closed (by a cancel or a recovery that got there first).</summary>
    public async Task<bool> FinishAttemptAsync(
        NpgsqlTransaction tx, Guid runId, string task, int replica, int attempt, string state, int? exitCode, string? reason,
        CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update task_attempts set state = @state, exit_code = @exitCode, reason = @reason, finished_at = @now
            where run_id = @runId and task_name = @task and replica = @replica and attempt = @attempt and state = 'running'
            """, new { state, exitCode, reason, now = time.GetUtcNow(), runId, task, replica, attempt },
            tx, cancellationToken: cancellationToken)) == 1;

    /// <summary>Attempts still marked running for an executor (crash recovery looks at these).</summary>
    public async Task<IReadOnlyList<AttemptRecord>> RunningAttemptsAsync(string executor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AttemptRecord>(new CommandDefinition($"""
            select {AttemptRecord.Columns} from task_attempts
            where state = 'running' and run_id in (select id from runs where executor = @executor)
            """, new { executor }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<AttemptRecord>> AttemptsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AttemptRecord>(new CommandDefinition(
            $"select {AttemptRecord.Columns} from task_attempts where run_id = @runId order by task_name, replica, attempt",
            new { runId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The (run, task, replica, attempt) of instances that are running, among the given runs.</summary>
    public async Task<IReadOnlySet<(Guid RunId, string Task, int Replica, int Attempt)>> RunningInstancesAsync(Guid[] runIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(Guid, string, int, int)>(new CommandDefinition("""
            select k.run_id, k.task_name, k.replica, k.attempts from run_tasks k join runs r on r.id = k.run_id
            where k.run_id = any(@runIds) and k.state = 'running' and r.state in ('running', 'suspended')
            """, new { runIds }, cancellationToken: cancellationToken))).ToHashSet();
    }

    /// <summary>
    /// A namespace's runs, newest first, filtered in SQL and keyset-paged by (created_at, id). A job is matched by
    /// its id, which (namespace, name) names for good (a deleted job keeps its row), so the job's own index serves
    /// the page instead of a walk through the whole namespace; a state is served by its own index the same way.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<RunRecord>(new CommandDefinition($"""
            select {RunRecord.Columns} from runs
            where namespace = @Namespace
              and (@Job::text is null or job_id = (select id from jobs where namespace = @Namespace and name = @Job))
              and (@State::text is null or state = @State)
              and (@Since::timestamptz is null or created_at >= @Since)
              and (@Until::timestamptz is null or created_at < @Until)
              and (@BeforeCreatedAt::timestamptz is null or (created_at, id) < (@BeforeCreatedAt, @BeforeId))
            order by created_at desc, id desc
            limit @Limit
            """, query, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>One attempt of an instance; the latest when <paramref name="attempt"/> is null.</summary>
    public async Task<AttemptRecord?> AttemptAsync(Guid runId, string task, int replica, int? attempt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AttemptRecord>(new CommandDefinition($"""
            select {AttemptRecord.Columns} from task_attempts
            where run_id = @runId and task_name = @task and replica = @replica and (@attempt::integer is null or attempt = @attempt)
            order by attempt desc limit 1
            """, new { runId, task, replica, attempt }, cancellationToken: cancellationToken));
    }

    /// <summary>Queued runs of an executor that may start now, most important and oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> DueQueuedRunsAsync(string executor, int limit, CancellationToken cancellationToken) =>
        (await DueQueuedRunsAsync(executor, limit, null, cancellationToken)).Select(r => r.Id).ToList();

    /// <summary>One page of the queued runs that may start now, in the same order, continuing after <paramref name="after"/>.</summary>
    /// <remarks>Runs of <paramref name="skipScopes"/> (scopes found full) are left out, so a long queue is not shipped page after page.</remarks>
    public async Task<IReadOnlyList<DueRun>> DueQueuedRunsAsync(
        string executor, int limit, DueRun? after, CancellationToken cancellationToken, IReadOnlyCollection<string>? skipScopes = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<DueRun>(new CommandDefinition("""
            select id, priority, created_at as createdat, concurrency_key as concurrencykey from runs
            where executor = @executor and state = 'queued' and not_before <= @now
              and (@afterId::uuid is null or (-priority, created_at, id) > (-@afterPriority, @afterCreatedAt, @afterId))
              and (concurrency_key is null or concurrency_key <> all(@skipScopes))
            order by priority desc, created_at, id limit @limit
            """, new
        {
            executor, now = time.GetUtcNow(), limit, afterId = after?.Id, afterPriority = after?.Priority ?? 0,
            afterCreatedAt = after?.CreatedAt ?? DateTime.UnixEpoch, skipScopes = skipScopes?.ToArray() ?? [],
        }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The earliest moment after <paramref name="after"/> something of this executor becomes due by time alone (a delayed run, a retry, a deadline).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(string executor, DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            select min(t) from (
                select min(not_before) as t from runs where executor = @executor and state = 'queued' and not_before > @after
                union all
                select min(deadline) from runs where executor = @executor and state in ('running', 'suspended') and deadline > @after
                union all
                select min(k.next_attempt_at) from run_tasks k join runs r on r.id = k.run_id
                where r.executor = @executor and r.state = 'running' and k.state = 'retrying' and k.next_attempt_at > @after
            ) due
            """, new { executor, after }, cancellationToken: cancellationToken));
        return next is null ? null : new DateTimeOffset(DateTime.SpecifyKind(next.Value, DateTimeKind.Utc));
    }

    public async Task<IReadOnlyList<Guid>> RunIdsInStateAsync(string executor, RunState state, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "select id from runs where executor = @executor and state = @state", new { executor, state = state.ToWire() },
            cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Queued task instances of running runs, in the order slots should go to them.</summary>
    public async Task<IReadOnlyList<(Guid RunId, string Task, int Replica)>> DispatchOrderAsync(string executor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(Guid, string, int)>(new CommandDefinition("""
            select k.run_id, k.task_name, k.replica from run_tasks k join runs r on r.id = k.run_id
            where k.state = 'queued' and r.state = 'running' and r.executor = @executor
            order by k.priority desc, r.created_at, k.updated_at, k.task_name, k.replica
            limit @limit
            """, new { executor, limit }, cancellationToken: cancellationToken))).ToList();
    }

    private Task RunEventAsync(NpgsqlTransaction tx, RunRecord run, RunState state, string? reason, CancellationToken cancellationToken) =>
        EventOutbox.AppendAsync(tx, time.GetUtcNow(), "run", run.Id.ToString(), "run." + state.ToWire(), new
        {
            runId = run.Id, @namespace = run.Namespace, job = run.JobName, jobVersion = run.JobVersion, state = state.ToWire(), reason,
            parentRunId = run.ParentRunId,
        }, cancellationToken);

    /// <summary>Serialises resolved params for the `params` column.</summary>
    public static string ParamsJson(IReadOnlyDictionary<string, Core.Specs.ParamValue> values) =>
        JsonSerializer.Serialize(ParamResolver.ToJsonObject(values));
}
