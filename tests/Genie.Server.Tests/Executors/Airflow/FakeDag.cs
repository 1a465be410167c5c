using System.Text.Json.Nodes;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// A DAG of the fake Airflow. A published file is invisible (404) until it is parsed, after a number of polls or on
/// demand; a republished file keeps showing the previous version until then, as the DAG processor does. Its runs
/// execute the task graph of the parsed file, with the pod outcomes the test set. Not thread-safe: FakeAirflow's
/// lock guards it.
/// </summary>
internal sealed class FakeDag(string dagId, string relativeFileloc)
{
    private readonly Dictionary<(string TaskId, int? MapIndex), FakeTaskOutcome> _outcomes = [];
    private (IReadOnlyList<string> Tags, string? Source, int PollsLeft)? _pending;

    public string DagId { get; } = dagId;

    public string RelativeFileloc { get; } = relativeFileloc;

    public string Fileloc => "/opt/airflow/dags/" + RelativeFileloc;

    public bool IsPaused { get; set; }

    /// <summary>The file currently fails to import: Airflow marks the DAG stale and flags it, and refuses triggers.</summary>
    public bool HasImportErrors { get; set; }

    public FakeDagVersion? Version { get; private set; }

    public bool IsParsed => Version is not null;

    public Dictionary<string, FakeDagRun> Runs { get; } = new(StringComparer.Ordinal);

    public void Publish(IReadOnlyList<string> tags, string? source, int parseAfterPolls, DateTimeOffset now)
    {
        _pending = (tags, source, parseAfterPolls);
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
            Version = new FakeDagVersion((Version?.Number ?? 0) + 1, pending.Tags, now, pending.Source);
            _pending = null;
            HasImportErrors = false;
        }
    }

    /// <summary>The task graph of the parsed version, rendered for a run's conf.</summary>
    public FakeDagGraph GraphFor(JsonObject conf) =>
        Version?.Source is { } source ? FakeDagGraphReader.Read(source, conf) : FakeDagGraph.Empty(DagId);

    /// <summary>What the pod of <paramref name="taskId"/> does (every map index, or only <paramref name="mapIndex"/>).</summary>
    public void SetOutcome(string taskId, int? mapIndex, FakeTaskOutcome outcome) => _outcomes[(taskId, mapIndex)] = outcome;

    public FakeTaskOutcome OutcomeOf(string taskId, int mapIndex) =>
        _outcomes.GetValueOrDefault((taskId, mapIndex)) ?? _outcomes.GetValueOrDefault((taskId, null)) ?? FakeTaskOutcome.Succeeds;
}
