namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>A task instance of a fake run, stepping through its script. Not thread-safe: FakeAirflow's lock guards it.</summary>
internal sealed class FakeTaskInstance(FakeTask task, int mapIndex, FakeTaskScript script)
{
    private static readonly HashSet<string> Terminal = ["success", "failed", "skipped", "upstream_failed", "removed"];
    private static readonly HashSet<string> StartsAnAttempt = ["scheduled", "queued", "running"];

    private FakeTaskScript _script = script;
    private int _step = -1;
    private bool _attemptOpen;

    public string Id { get; } = Guid.NewGuid().ToString();

    public FakeTask Task { get; } = task;

    public string TaskId => Task.TaskId;

    public int MapIndex { get; } = mapIndex;

    public string? State { get; private set; }

    /// <summary>0 until the first attempt is scheduled; each new attempt (Airflow's retry, or a clear) adds one.</summary>
    public int TryNumber { get; private set; }

    public DateTimeOffset? QueuedWhen { get; private set; }

    public DateTimeOffset? StartDate { get; private set; }

    public DateTimeOffset? EndDate { get; private set; }

    public bool IsFinished => State is not null && Terminal.Contains(State);

    public bool HasStarted => State is not null and not "scheduled" and not "queued";

    public static bool IsTerminal(string? state) => state is not null && Terminal.Contains(state);

    public void Advance(DateTimeOffset now)
    {
        if (_step + 1 < _script.States.Count)
        {
            _step++;
            Enter(_script.States[_step], now);
        }
    }

    /// <summary>What marking the run failed does in Airflow: running work fails, unfinished work is skipped.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (IsFinished)
        {
            return;
        }

        Enter(State is "running" or "deferred" or "up_for_reschedule" ? "failed" : "skipped", now);
        Freeze();
    }

    public void MarkSuccess(DateTimeOffset now)
    {
        if (!IsFinished)
        {
            Enter("success", now);
        }

        Freeze();
    }

    /// <summary>clearTaskInstances: back to no state, to run again by the task's after-clear script.</summary>
    public void Clear()
    {
        _script = Task.AfterClear;
        _step = -1;
        State = null;
        _attemptOpen = false;
        StartDate = null;
        EndDate = null;
    }

    private void Freeze()
    {
        _script = FakeTaskScript.Of(State);
        _step = 0;
    }

    private void Enter(string? state, DateTimeOffset now)
    {
        if (state is not null && StartsAnAttempt.Contains(state) && !_attemptOpen)
        {
            TryNumber++;
            _attemptOpen = true;
            EndDate = null;
        }

        if (state == "queued")
        {
            QueuedWhen = now;
        }

        if (state == "running")
        {
            StartDate = now;
        }

        if (state is null || state == "up_for_retry" || Terminal.Contains(state))
        {
            _attemptOpen = false;
        }

        if (Terminal.Contains(state ?? "") || state == "up_for_retry")
        {
            EndDate = now;
        }

        State = state;
    }
}
