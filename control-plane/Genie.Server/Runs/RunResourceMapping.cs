using System.Text.Json;
using Genie.Client.Contracts;
using Genie.Server.Api;
using Genie.Server.Store;
using Genie.Server.Telemetry;

namespace Genie.Server.Runs;

/// <summary>Turns run, instance and attempt rows into the API's resources.</summary>
public static class RunResourceMapping
{
    public static RunResource ToResource(
        this RunRecord run, TracingOptions tracing, IReadOnlyList<TaskInstanceRecord>? instances = null, IReadOnlyList<AttemptRecord>? attempts = null) => new(
        run.Id.ToString(), run.Namespace, run.JobName, run.JobVersion, run.Executor, run.State, run.Reason,
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(run.Params) ?? [],
        run.Priority, run.Trigger, run.TriggeredBy, run.ParentRunId?.ToString(), run.ParentTask,
        run.NotBefore, run.CreatedAt, run.StartedAt, run.FinishedAt,
        instances?.Select(i => i.ToResource(run, attempts ?? [])).ToList(),
        run.TraceId, tracing.TraceUrlOf(run.TraceId));

    private static TaskRunResource ToResource(this TaskInstanceRecord instance, RunRecord run, IReadOnlyList<AttemptRecord> attempts) => new(
        instance.TaskName, instance.Replica, instance.State, instance.Reason, instance.Attempts, instance.ExitCode,
        instance.ChildRunId?.ToString(), instance.NextAttemptAt, instance.StartedAt, instance.FinishedAt,
        attempts.Where(a => a.TaskName == instance.TaskName && a.Replica == instance.Replica)
            .Select(a => new TaskAttemptResource(a.Attempt, a.State, a.ExitCode, a.Reason, a.StartedAt, a.FinishedAt,
                $"{ApiRoutes.Root}/namespaces/{run.Namespace}/runs/{run.Id}/tasks/{instance.TaskName}/logs?replica={instance.Replica}&attempt={a.Attempt}"))
            .ToList());
}
