namespace Genie.Core.Events;

/// <summary>A try of a task instance began; <see cref="Owner"/> is the Genie replica whose process runs it (null on Airflow).</summary>
public sealed record AttemptStarted(
    Guid RunId,
    string Namespace,
    string Job,
    string Task,
    int Replica,
    int Attempt,
    string? Owner,
    string Actor) : IRunEvent
{
    public static string Type => "attempt.started";

    public static int SchemaVersion => 1;
}
