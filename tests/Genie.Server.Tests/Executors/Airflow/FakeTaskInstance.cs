namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// A task instance of a fake run: its state, try number and dates, moved by <see cref="FakeDagRun"/>'s scheduler
/// step. Not thread-safe: FakeAirflow's lock guards it.
/// </summary>
internal sealed class FakeTaskInstance(FakeGraphTask task, int mapIndex)
{
    private static readonly HashSet<string> Terminal = ["success", "failed", "skipped", "upstream_failed", "removed"];

    public string Id { get; } = Guid.NewGuid().ToString();

    /// <summary>The task of the DAG version the run uses (a clear with `run_on_latest_version` swaps it).</summary>
    public FakeGraphTask Task { get; set; } = task;

    public string TaskId => Task.TaskId;

    public int MapIndex { get; } = mapIndex;

    public string? State { get; private set; }

    /// <summary>0 until the first try is scheduled; each new try (Airflow's retry, or a clear) adds one.</summary>
    public int TryNumber { get; private set; }

    public DateTimeOffset? QueuedWhen { get; private set; }

    public DateTimeOffset? StartDate { get; private set; }

    public DateTimeOffset? EndDate { get; private set; }

    /// <summary>The run a TriggerDagRunOperator instance started in its current try.</summary>
    public FakeDagRun? ChildRun { get; set; }

    public bool IsFinished => State is not null && Terminal.Contains(State);

    public bool HasFailed => State is "failed" or "upstream_failed";

    /// <summary>A new try: the scheduler found its dependencies met (or its retry due).</summary>
    public void Schedule()
    {
        TryNumber++;
        ChildRun = null;
        StartDate = null;
        EndDate = null;
        State = "scheduled";
    }

    public void Enter(string? state, DateTimeOffset now)
    {
        if (state == "queued")
        {
            QueuedWhen = now;
        }

        if (state == "running")
        {
            StartDate = now;
        }

        if (state == "up_for_retry" || (state is not null && Terminal.Contains(state)))
        {
            EndDate = now;
        }

        State = state;
    }

    /// <summary>What marking the run failed does in Airflow: running work fails, unfinished work is skipped.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (!IsFinished)
        {
            Enter(State is "running" or "deferred" or "up_for_reschedule" ? "failed" : "skipped", now);
        }
    }

    public void MarkSuccess(DateTimeOffset now)
    {
        if (!IsFinished)
        {
            Enter("success", now);
        }
    }

    /// <summary>clearTaskInstances: back to no state; the scheduler runs it again as a new try.</summary>
    public void Clear()
    {
        State = null;
        ChildRun = null;
        StartDate = null;
        EndDate = null;
    }
}
