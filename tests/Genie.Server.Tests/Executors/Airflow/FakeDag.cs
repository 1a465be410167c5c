namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// A DAG of the fake Airflow. A published file is invisible (404) until it is parsed, after a number of polls or on
/// demand; a republished file keeps showing the previous version until then, as the DAG processor does. Not
/// thread-safe: FakeAirflow's lock guards it.
/// </summary>
internal sealed class FakeDag(string dagId, string relativeFileloc)
{
    private readonly Queue<FakeRunScript> _nextRuns = new();
    private (IReadOnlyList<string> Tags, int PollsLeft)? _pending;

    public string DagId { get; } = dagId;

    public string RelativeFileloc { get; } = relativeFileloc;

    public string Fileloc => "/opt/airflow/dags/" + RelativeFileloc;

    public bool IsPaused { get; set; }

    /// <summary>The file currently fails to import: Airflow marks the DAG stale and flags it, and refuses triggers.</summary>
    public bool HasImportErrors { get; set; }

    public FakeDagVersion? Version { get; private set; }

    public bool IsParsed => Version is not null;

    public FakeRunScript RunScript { get; set; } = FakeRunScript.Of(FakeTask.Succeeding("main"));

    public Dictionary<string, FakeDagRun> Runs { get; } = new(StringComparer.Ordinal);

    public void Publish(IReadOnlyList<string> tags, int parseAfterPolls, DateTimeOffset now)
    {
        _pending = (tags, parseAfterPolls);
        if (parseAfterPolls <= 0)
        {
            Parse(now);
        }
    }

    /// <summary>A GET of the DAG: counts towards parsing a pending version.</summary>
    public void Poll(DateTimeOffset now)
    {
        if (_pending is { } pending)
        {
            _pending = pending with { PollsLeft = pending.PollsLeft - 1 };
            if (_pending.Value.PollsLeft <= 0)
            {
                Parse(now);
            }
        }
    }

    public void Parse(DateTimeOffset now)
    {
        if (_pending is { } pending)
        {
            Version = new FakeDagVersion((Version?.Number ?? 0) + 1, pending.Tags, now);
            _pending = null;
            HasImportErrors = false;
        }
    }

    public void QueueRunScript(FakeRunScript script) => _nextRuns.Enqueue(script);

    public FakeRunScript TakeRunScript() => _nextRuns.TryDequeue(out var script) ? script : RunScript;
}
