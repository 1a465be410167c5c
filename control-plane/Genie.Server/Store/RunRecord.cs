using Genie.Core.Runs;
using Genie.Server.Telemetry;

namespace Genie.Server.Store;

/// <summary>A row of `runs`.</summary>
public sealed record RunRecord(
    Guid Id,
    long JobId,
    string Namespace,
    string JobName,
    int JobVersion,
    string Executor,
    string State,
    string? Reason,
    string Params,
    int Priority,
    string? ConcurrencyKey,
    string? IdempotencyKey,
    string Trigger,
    string TriggeredBy,
    Guid? ParentRunId,
    string? ParentTask,
    int? ParentReplica,
    DateTimeOffset NotBefore,
    DateTimeOffset? Deadline,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? TraceId = null,
    string? TraceSpanId = null)
{
    public RunState RunState => RunStates.Parse(State);

    /// <summary>The trace the run was triggered in, for its later spans to join (a method: Dapper binds every property as a parameter).</summary>
    public RunTraceContext? TraceContext() => RunTraceContext.Of(TraceId, TraceSpanId);

    public const string Columns = """
        id, job_id as jobid, namespace, job_name as jobname, job_version as jobversion, executor, state, reason,
        params::text as params, priority, concurrency_key as concurrencykey, idempotency_key as idempotencykey,
        trigger, triggered_by as triggeredby, parent_run_id as parentrunid, parent_task as parenttask, parent_replica as parentreplica,
        not_before as notbefore, deadline, created_at as createdat, started_at as startedat, finished_at as finishedat,
        trace_id as traceid, trace_span_id as tracespanid
        """;
}
