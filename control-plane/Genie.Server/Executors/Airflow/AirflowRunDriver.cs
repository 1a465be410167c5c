using System.Collections.Concurrent;
using System.Text.Json;
using Genie.Core.Airflow;
using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Executors.Airflow.Client;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Drives one airflow run: publish its version's DAG, wait until Airflow has parsed that version (failing the
/// run on an import error or when parsing takes too long), unpause and trigger with `dag_run_id` = the run id,
/// then mirror Airflow's task instances into Genie's task instances until the DAG run ends. A cancelled
/// Genie run marks the DAG run failed; a retried one asks Airflow to clear its tasks.
/// </summary>
public sealed class AirflowRunDriver(
    StateChanger changer,
    RunStore runs,
    TaskInstanceStore instanceRows,
    AttemptStore attempts,
    JobPlans plans,
    DagPublication dags,
    AirflowRunStore progress,
    AirflowFailureReasonStore failureReasons,
    AirflowRunLease lease,
    AirflowClient airflow,
    RunCancellation cancellation,
    IOptions<AirflowExecutionOptions> options,
    TimeProvider time,
    ILogger<AirflowRunDriver> logger)
{
    /// <summary>Since when each run has found Airflow unreachable, until a call of its succeeds again.</summary>
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _unreachableSince = new();

    public async Task AdvanceAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var held = await lease.TryTakeAsync(runId, cancellationToken);
        var run = held is null ? null : await runs.GetAsync(runId, cancellationToken);
        if (run is null)
        {
            return;
        }

        using var scope = logger.BeginRunScope(run.Id, run.Namespace, run.JobName);
        try
        {
            var state = await progress.GetAsync(run.Id, cancellationToken);
            if (run.RunState.IsTerminal())
            {
                await EndOpenAttemptsAsync(run, cancellationToken);
                await StopInAirflowAsync(run, state, cancellationToken);
            }
            else if (run.RunState == RunState.Running)
            {
                await DriveAsync(run, state, cancellationToken);
            }

            _unreachableSince.TryRemove(run.Id, out _);
        }
        catch (AirflowUnavailableException e)
        {
            // A restart or a deploy of Airflow is waited out: the next poll advances the run again.
            var since = _unreachableSince.GetOrAdd(run.Id, time.GetUtcNow());
            if (time.GetUtcNow() - since < options.Value.UnreachableTimeout)
            {
                logger.LogWarning("Airflow is unreachable for run {Run} since {Since}; trying again: {Reason}", run.Id, since, e.Message);
                return;
            }

            await FailAsync(run, $"Airflow is unreachable: {e.Message}", cancellationToken);
        }
        catch (AirflowApiException e)
        {
            await FailAsync(run, $"Airflow refused a request ({e.StatusCode}): {e.Detail ?? e.Message}", cancellationToken);
        }
    }

    private async Task DriveAsync(RunRecord run, AirflowRunStore.Progress state, CancellationToken cancellationToken)
    {
        var dag = await dags.EnsureAsync(run.JobId, run.JobVersion, cancellationToken);
        var dagRunId = run.Id.ToString();
        if (state.TriggeredAt is null)
        {
            if (dag.ParsedAt is null && !await IsParsedAsync(run, dag, cancellationToken))
            {
                return;
            }

            await airflow.SetPausedAsync(dag.DagId, false, cancellationToken);
            var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
            var stored = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(run.Params) ?? [];
            var values = ParamResolver.FromJson(plan.Definition.Spec.Params, stored).Values ?? new Dictionary<string, ParamValue>();
            var conf = DagRunConf.For(values).ToDictionary(p => p.Key, p => (object?)p.Value);
            await airflow.TriggerAsync(dag.DagId, dagRunId, conf, cancellationToken);
            await progress.SetTriggeredAsync(run.Id, cancellationToken);
        }
        else if (state.PendingClear is not null)
        {
            await airflow.ClearFailedTasksAsync(dag.DagId, dagRunId, cancellationToken);
            await progress.ClearPendingClearAsync(run.Id, cancellationToken);
        }

        var dagRun = await airflow.GetDagRunAsync(dag.DagId, dagRunId, cancellationToken);
        if (dagRun is null)
        {
            return;
        }

        var taskInstances = await airflow.GetTaskInstancesAsync(dag.DagId, dagRunId, cancellationToken);
        await MirrorAsync(run.Id, dag, dagRun, taskInstances, cancellationToken);
    }

    private async Task<bool> IsParsedAsync(RunRecord run, PublishedDag dag, CancellationToken cancellationToken)
    {
        var parsed = await airflow.GetDagAsync(dag.DagId, cancellationToken);
        if (parsed is not null && parsed.Tags.Any(t => t.Name == dag.VersionTag))
        {
            await dags.MarkParsedAsync(run.JobId, run.JobVersion, cancellationToken);
            return true;
        }

        var importError = (await airflow.GetImportErrorsAsync(cancellationToken))
            .FirstOrDefault(e => e.Filename.EndsWith(dag.FileName, StringComparison.Ordinal));
        if (importError is not null)
        {
            await dags.RecordImportErrorAsync(run.JobId, run.JobVersion, LastLine(importError.StackTrace), cancellationToken);
            await FailAsync(run, $"Airflow could not import {dag.FileName}: {LastLine(importError.StackTrace)}", cancellationToken);
        }
        else if (time.GetUtcNow() - dag.PublishedAt > options.Value.ParseTimeout)
        {
            await FailAsync(run, $"Airflow did not parse {dag.FileName} within {options.Value.ParseTimeout}", cancellationToken);
        }

        return false;
    }

    /// <summary>Copies Airflow's view into the run under its row lock; the DAG run's end ends the run with Genie's outcome rule.</summary>
    private async Task MirrorAsync(
        Guid runId, PublishedDag dag, AirflowDagRun dagRun, IReadOnlyList<AirflowTaskInstance> taskInstances, CancellationToken cancellationToken)
    {
        await changer.RunAsync(Actors.Airflow, async tx =>
        {
            var run = await runs.LockAsync(tx.Transaction, runId, cancellationToken);
            if (run is null || run.RunState != RunState.Running)
            {
                return false;
            }

            var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
            var instances = await instanceRows.ListAsync(tx.Transaction, runId, cancellationToken);
            // Read under the run's lock, which the listener's endpoint takes too: a reason it keeps is either seen here or
            // added by it to what this pass ends.
            var reasons = await failureReasons.ForRunAsync(tx.Transaction, runId, cancellationToken);
            var mirrored = new List<TaskInstance>();
            foreach (var instance in instances)
            {
                var mapped = plan.Tasks[instance.TaskName].Task.Replicas > 1;
                var ti = taskInstances.FirstOrDefault(t => t.TaskId == instance.TaskName && t.MapIndex == (mapped ? instance.Replica : -1));
                var state = AirflowTaskStates.ToGenie(ti?.State);
                var tries = ti?.TryNumber ?? 0;
                if (ti is not null && tries > 0)
                {
                    await tx.MirrorAttemptAsync(run, instance.TaskName, instance.Replica, tries, AttemptStateOf(state),
                        AirflowLogReference.Format(dag.DagId, ti.TaskId, ti.MapIndex), ti.StartDate, ti.EndDate, reasons, cancellationToken);
                }

                if (state != instance.TaskState && !(state == TaskState.Pending && instance.TaskState.IsTerminal()))
                {
                    var podReason = reasons.GetValueOrDefault(new AttemptKey(runId, instance.TaskName, instance.Replica, tries));
                    await tx.MoveTaskAsync(run, instance.TaskName, instance.Replica,
                        new TaskChange(state, AirflowTaskReasons.Mirrored(ti?.State, podReason)), cancellationToken);
                }

                mirrored.Add(new TaskInstance(instance.TaskName, instance.Replica, state));
            }

            await progress.SetExternalStateAsync(tx.Transaction, runId, AirflowTaskStates.Name(dagRun.State), cancellationToken);
            if (AirflowTaskStates.IsTerminal(dagRun.State))
            {
                // Tasks Airflow never ran (a cancelled or failed DAG run) end as cancelled, so the outcome rule applies.
                foreach (var open in mirrored.Where(m => !m.State.IsTerminal()).ToList())
                {
                    await tx.MoveTaskAsync(run, open.Task, open.Replica, new TaskChange(TaskState.Cancelled, $"airflow DAG run {AirflowTaskStates.Name(dagRun.State)}"), cancellationToken);
                    mirrored[mirrored.IndexOf(open)] = open with { State = TaskState.Cancelled };
                }

                var outcome = RunPlanner.Outcome(plan.Definition, mirrored) ?? (dagRun.State == AirflowDagRunState.Success ? RunState.Succeeded : RunState.Failed);
                await tx.MoveRunAsync(run, outcome, outcome == RunState.Failed ? $"airflow DAG run {AirflowTaskStates.Name(dagRun.State)}" : null, cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// A Genie run that ended (cancel, timeout, Airflow unreachable) while tries ran in Airflow: mirroring stops with the
    /// run, so those attempts end here as cancelled, before Airflow is asked anything (it may be what is down).
    /// </summary>
    private async Task EndOpenAttemptsAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var open = (await attempts.ListAsync(run.Id, cancellationToken)).Where(a => a.AttemptState == AttemptState.Running).ToList();
        if (open.Count == 0)
        {
            return;
        }

        await changer.RunAsync(Actors.Airflow, async tx =>
        {
            foreach (var attempt in open)
            {
                await tx.FinishAttemptAsync(run, new AttemptKey(run.Id, attempt.TaskName, attempt.Replica, attempt.Attempt),
                    AttemptState.Cancelled, null, $"the run ended {run.RunState.ToWire()}", cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>A Genie run that ended (cancel, timeout) while Airflow still runs it: mark the DAG run failed, which stops its pods.</summary>
    private async Task StopInAirflowAsync(RunRecord run, AirflowRunStore.Progress state, CancellationToken cancellationToken)
    {
        if (state.TriggeredAt is null || AirflowTaskStates.IsTerminalName(state.ExternalState))
        {
            return;
        }

        var dag = await dags.EnsureAsync(run.JobId, run.JobVersion, cancellationToken);
        await airflow.MarkDagRunFailedAsync(dag.DagId, run.Id.ToString(), cancellationToken);
        await progress.SetExternalStateAsync(run.Id, "failed", cancellationToken);
        logger.LogInformation("Marked Airflow DAG run {Run} of {Dag} failed because the Genie run is {State}", run.Id, dag.DagId, run.State);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? text;

    /// <summary>How an attempt ended, from the state Airflow reports for its task instance.</summary>
    private static AttemptState AttemptStateOf(TaskState state) => state switch
    {
        TaskState.Succeeded => AttemptState.Succeeded,
        TaskState.Skipped => AttemptState.Skipped,
        TaskState.Cancelled => AttemptState.Cancelled,
        TaskState.Failed or TaskState.Retrying or TaskState.UpstreamFailed => AttemptState.Failed,
        _ => AttemptState.Running,
    };

    private Task FailAsync(RunRecord run, string reason, CancellationToken cancellationToken) =>
        changer.RunAsync(Actors.Airflow, async tx =>
        {
            var locked = await runs.LockAsync(tx.Transaction, run.Id, cancellationToken);
            if (locked is not null && !locked.RunState.IsTerminal())
            {
                await cancellation.EndAsync(tx, locked, RunState.Failed, reason, cancellationToken);
            }

            return true;
        }, cancellationToken);
}
