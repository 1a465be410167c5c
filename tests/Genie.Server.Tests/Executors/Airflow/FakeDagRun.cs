using System.Text.Json.Nodes;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// A run of a fake DAG. Its state follows its task instances the way Airflow's scheduler would: queued until a task
/// starts, running, then failed if an instance failed (or the script's final state) once all have finished. Marking
/// it failed or success through the API pins the state until a clear. Not thread-safe: FakeAirflow's lock guards it.
/// </summary>
internal sealed class FakeDagRun
{
    private readonly string? _finalState;
    private string? _pinnedState;
    private bool _requeued;

    public FakeDagRun(FakeDag dag, string runId, JsonObject conf, string? note, FakeRunScript script, DateTimeOffset now)
    {
        Dag = dag;
        RunId = runId;
        Conf = conf;
        Note = note;
        QueuedAt = now;
        RunAfter = now;
        DagVersion = dag.Version;
        _finalState = script.FinalState;
        TaskInstances = script.Tasks.SelectMany(task => task.Instances().Select(i => new FakeTaskInstance(task, i.MapIndex, i.Script))).ToList();
    }

    public FakeDag Dag { get; }

    public string RunId { get; }

    public JsonObject Conf { get; }

    public string? Note { get; }

    public DateTimeOffset QueuedAt { get; private set; }

    public DateTimeOffset RunAfter { get; }

    public DateTimeOffset? StartDate { get; private set; }

    public DateTimeOffset? EndDate { get; private set; }

    public FakeDagVersion? DagVersion { get; }

    public IReadOnlyList<FakeTaskInstance> TaskInstances { get; }

    public string State => _pinnedState ?? (_requeued ? "queued" : DerivedState());

    /// <summary>One scheduler step; a paused DAG's runs do not move, as in Airflow.</summary>
    public void Advance(DateTimeOffset now)
    {
        if (Dag.IsPaused || _pinnedState is not null)
        {
            return;
        }

        _requeued = false;
        foreach (var instance in TaskInstances)
        {
            instance.Advance(now);
        }

        StampDates(now);
    }

    public void MarkFailed(DateTimeOffset now)
    {
        foreach (var instance in TaskInstances)
        {
            instance.Cancel(now);
        }

        Pin("failed", now);
    }

    public void MarkSuccess(DateTimeOffset now)
    {
        foreach (var instance in TaskInstances)
        {
            instance.MarkSuccess(now);
        }

        Pin("success", now);
    }

    /// <summary>The effect of clearTaskInstances with only_failed on this run; returns the cleared instances.</summary>
    public IReadOnlyList<FakeTaskInstance> ClearFailed(bool resetRun, DateTimeOffset now)
    {
        var cleared = TaskInstances.Where(i => i.State is "failed" or "upstream_failed").ToList();
        foreach (var instance in cleared)
        {
            instance.Clear();
        }

        if (resetRun && cleared.Count > 0)
        {
            // reset_dag_runs puts the run back to queued; the scheduler's next step makes it running again.
            _pinnedState = null;
            _requeued = true;
            EndDate = null;
            QueuedAt = now;
        }

        return cleared;
    }

    private void Pin(string state, DateTimeOffset now)
    {
        _pinnedState = state;
        EndDate = now;
    }

    private void StampDates(DateTimeOffset now)
    {
        var state = DerivedState();
        if (state != "queued" && StartDate is null)
        {
            StartDate = now;
        }

        if (state is "success" or "failed" && EndDate is null)
        {
            EndDate = now;
        }
    }

    private string DerivedState()
    {
        if (TaskInstances.All(i => i.IsFinished))
        {
            return _finalState ?? (TaskInstances.Any(i => i.State is "failed" or "upstream_failed") ? "failed" : "success");
        }

        return TaskInstances.Any(i => i.HasStarted) ? "running" : "queued";
    }
}
