using System.Text.Json.Nodes;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// A run of a fake DAG, executing the task graph of the DAG version it was created with, one scheduler step at a
/// time as Airflow does: a task instance without state is decided by its trigger rule over its direct upstream
/// instances (<see cref="FakeTriggerRule"/>); EmptyOperators succeed without running; others go scheduled, queued,
/// running and end as their pod's <see cref="FakeTaskOutcome"/> says (a failed try with retries left is
/// up_for_retry and is scheduled again at the next step: retry delays are not waited for); a ShortCircuitOperator
/// whose gate is false skips its direct downstream tasks; a TriggerDagRunOperator starts its child run and, with
/// wait, ends as the child run ends. The run is queued until the scheduler's first step, then running, and once
/// every instance has finished it is failed when a leaf instance failed or is upstream_failed, else success
/// (Airflow's `DagRun.update_state`). Marking it failed or success through the API pins the state until a clear.
/// Not thread-safe: FakeAirflow's lock guards it.
/// </summary>
internal sealed class FakeDagRun
{
    private readonly FakeAirflow _airflow;
    private readonly List<FakeTaskInstance> _instances = [];
    private string? _pinnedState;
    private bool _scheduled;

    public FakeDagRun(FakeAirflow airflow, FakeDag dag, string runId, JsonObject conf, string? note, DateTimeOffset now)
    {
        _airflow = airflow;
        Dag = dag;
        RunId = runId;
        Conf = conf;
        Note = note;
        QueuedAt = now;
        RunAfter = now;
        DagVersion = dag.Version;
        UseGraph(dag.GraphFor(conf));
    }

    public FakeDag Dag { get; }

    public string RunId { get; }

    public JsonObject Conf { get; }

    public string? Note { get; }

    public DateTimeOffset QueuedAt { get; private set; }

    public DateTimeOffset RunAfter { get; }

    public DateTimeOffset? StartDate { get; private set; }

    public DateTimeOffset? EndDate { get; private set; }

    public FakeDagVersion? DagVersion { get; private set; }

    public FakeDagGraph Graph { get; private set; } = null!;

    public IReadOnlyList<FakeTaskInstance> TaskInstances => _instances;

    public string State => _pinnedState ?? DerivedState();

    /// <summary>One scheduler step; a paused DAG's runs do not move, as in Airflow.</summary>
    public void Advance(DateTimeOffset now)
    {
        if (Dag.IsPaused || _pinnedState is not null)
        {
            return;
        }

        _scheduled = true;
        foreach (var instance in _instances)
        {
            Step(instance, now);
        }

        StampDates(now);
    }

    public void MarkFailed(DateTimeOffset now)
    {
        foreach (var instance in _instances)
        {
            instance.Cancel(now);
        }

        Pin("failed", now);
    }

    public void MarkSuccess(DateTimeOffset now)
    {
        foreach (var instance in _instances)
        {
            instance.MarkSuccess(now);
        }

        Pin("success", now);
    }

    /// <summary>
    /// clearTaskInstances with only_failed on this run: failed and upstream_failed instances go back to no state. With
    /// <paramref name="latestVersion"/> (`run_on_latest_version`) the run moves to the DAG's newest version first: its
    /// new tasks get instances, instances of tasks it no longer has are removed. Returns the cleared instances.
    /// </summary>
    public IReadOnlyList<FakeTaskInstance> ClearFailed(bool resetRun, bool latestVersion, DateTimeOffset now)
    {
        if (latestVersion && Dag.Version is { } version && version != DagVersion)
        {
            DagVersion = version;
            UseGraph(Dag.GraphFor(Conf), now);
        }

        var cleared = _instances.Where(i => i.HasFailed).ToList();
        foreach (var instance in cleared)
        {
            instance.Clear();
        }

        if (resetRun && cleared.Count > 0)
        {
            // reset_dag_runs puts the run back to queued; the scheduler's next step makes it running again.
            _pinnedState = null;
            _scheduled = false;
            EndDate = null;
            QueuedAt = now;
        }

        return cleared;
    }

    /// <summary>Shows <paramref name="state"/> for an instance as it is, e.g. a state of a newer Airflow Genie does not know.</summary>
    public void Show(string taskId, int mapIndex, string state, DateTimeOffset now) =>
        _instances.Single(i => i.TaskId == taskId && i.MapIndex == mapIndex).Enter(state, now);

    private void UseGraph(FakeDagGraph graph, DateTimeOffset? now = null)
    {
        Graph = graph;
        var previous = _instances.ToDictionary(i => (i.TaskId, i.MapIndex));
        _instances.Clear();
        foreach (var task in graph.Tasks)
        {
            foreach (var mapIndex in task.MapIndexes())
            {
                if (previous.Remove((task.TaskId, mapIndex), out var kept))
                {
                    kept.Task = task;
                    _instances.Add(kept);
                }
                else
                {
                    _instances.Add(new FakeTaskInstance(task, mapIndex));
                }
            }
        }

        foreach (var gone in previous.Values)
        {
            gone.Enter("removed", now ?? gone.EndDate ?? default);
            _instances.Add(gone);
        }
    }

    private void Step(FakeTaskInstance instance, DateTimeOffset now)
    {
        switch (instance.State)
        {
            case null:
                Decide(instance, now);
                break;
            case "scheduled":
                instance.Enter("queued", now);
                break;
            case "queued":
                instance.Enter("running", now);
                break;
            case "running":
                Execute(instance, now);
                break;
            case "up_for_retry":
                instance.Schedule();
                break;
        }
    }

    private void Decide(FakeTaskInstance instance, DateTimeOffset now)
    {
        var task = instance.Task;
        var upstream = _instances.Where(i => task.Upstream.Contains(i.TaskId)).Select(i => i.State).ToList();
        switch (FakeTriggerRule.Decide(task.TriggerRule, upstream))
        {
            case FakeTriggerDecision.Run when task.IsEmptyOperator:
                // The scheduler marks an EmptyOperator success itself (a try all the same) instead of sending it to a worker.
                instance.Schedule();
                instance.Enter("success", now);
                break;
            case FakeTriggerDecision.Run:
                instance.Schedule();
                break;
            case FakeTriggerDecision.Skip:
                instance.Enter("skipped", now);
                break;
            case FakeTriggerDecision.UpstreamFailed:
                instance.Enter("upstream_failed", now);
                break;
        }
    }

    private void Execute(FakeTaskInstance instance, DateTimeOffset now)
    {
        var task = instance.Task;
        if (task.IsGate)
        {
            instance.Enter("success", now);
            if (task.GateOpen == false)
            {
                // ignore_downstream_trigger_rules=False: only the direct downstream tasks are skipped.
                foreach (var downstream in _instances.Where(i => i.State is null && i.Task.Upstream.Contains(task.TaskId)))
                {
                    downstream.Enter("skipped", now);
                }
            }
        }
        else if (task.Trigger is { } trigger)
        {
            FollowChild(instance, trigger, now);
        }
        else
        {
            var outcome = Dag.OutcomeOf(task.TaskId, instance.MapIndex);
            if (outcome.RunsUntilStopped)
            {
                return;
            }

            var exitCode = outcome.ExitCodeOf(instance.TryNumber);
            if (exitCode == 0)
            {
                instance.Enter("success", now);
            }
            else if (task.SkipOnExitCode.Contains(exitCode))
            {
                instance.Enter("skipped", now);
            }
            else
            {
                FailTry(instance, now);
            }
        }
    }

    private void FollowChild(FakeTaskInstance instance, FakeChildTrigger trigger, DateTimeOffset now)
    {
        instance.ChildRun ??= _airflow.StartChildRun(trigger, trigger.RunIdFor(RunId, instance.TryNumber), now);
        if (instance.ChildRun is not { } child)
        {
            FailTry(instance, now);
            return;
        }

        if (!trigger.Wait)
        {
            instance.Enter("success", now);
            return;
        }

        // The scheduler runs the child alongside; the waiting task sees its state at each poke.
        child.Advance(now);
        if (child.State == "success")
        {
            instance.Enter("success", now);
        }
        else if (child.State == "failed")
        {
            FailTry(instance, now);
        }
    }

    private static void FailTry(FakeTaskInstance instance, DateTimeOffset now) =>
        instance.Enter(instance.TryNumber <= instance.Task.Retries ? "up_for_retry" : "failed", now);

    private void Pin(string state, DateTimeOffset now)
    {
        _pinnedState = state;
        EndDate = now;
    }

    private void StampDates(DateTimeOffset now)
    {
        var state = DerivedState();
        StartDate ??= now;
        if (state is "success" or "failed" && EndDate is null)
        {
            EndDate = now;
        }
    }

    private string DerivedState()
    {
        if (!_scheduled)
        {
            return "queued";
        }

        if (!_instances.All(i => i.IsFinished))
        {
            return "running";
        }

        return _instances.Any(i => i.HasFailed && Graph.IsLeaf(i.TaskId)) ? "failed" : "success";
    }
}
