namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>A task of a fake DAG: what its instances do in a run, and again after Genie clears them.</summary>
public sealed record FakeTask(string TaskId, FakeTaskScript Script)
{
    /// <summary>Null for a plain task (map_index −1); otherwise the number of mapped instances, map_index 0..n−1.</summary>
    public int? MapCount { get; init; }

    /// <summary>Scripts of single map indexes that differ from <see cref="Script"/>.</summary>
    public IReadOnlyDictionary<int, FakeTaskScript> ScriptByMapIndex { get; init; } = new Dictionary<int, FakeTaskScript>();

    /// <summary>What an instance does after clearTaskInstances put it back to no state.</summary>
    public FakeTaskScript AfterClear { get; init; } = FakeTaskScript.Succeeds;

    public static FakeTask Succeeding(string taskId) => new(taskId, FakeTaskScript.Succeeds);

    public static FakeTask Failing(string taskId) => new(taskId, FakeTaskScript.Fails);

    public static FakeTask Mapped(string taskId, int count, FakeTaskScript script) => new(taskId, script) { MapCount = count };

    public IEnumerable<(int MapIndex, FakeTaskScript Script)> Instances() => MapCount is { } count
        ? Enumerable.Range(0, count).Select(index => (index, ScriptByMapIndex.GetValueOrDefault(index, Script)))
        : [(-1, Script)];
}
