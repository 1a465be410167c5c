namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// The states a fake task instance goes through, one per poll of its run: with [queued, running, success] the first
/// poll shows queued, the third and every later one success. Null is Airflow's "no state yet".
/// </summary>
public sealed record FakeTaskScript(IReadOnlyList<string?> States)
{
    public static FakeTaskScript Succeeds { get; } = Of("queued", "running", "success");

    public static FakeTaskScript Fails { get; } = Of("queued", "running", "failed");

    /// <summary>Fails once, then Airflow's own retry succeeds: the try number goes from 1 to 2.</summary>
    public static FakeTaskScript FailsThenRetries { get; } = Of("queued", "running", "up_for_retry", "queued", "running", "success");

    /// <summary>Starts and keeps running until cancelled.</summary>
    public static FakeTaskScript RunsForever { get; } = Of("queued", "running");

    public static FakeTaskScript Of(params string?[] states) => new(states);
}
