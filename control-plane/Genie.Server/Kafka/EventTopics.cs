namespace Genie.Server.Kafka;

/// <summary>
/// The topic of each event type: one per aggregate family, so a consumer of runs reads one topic, and per-key order
/// holds within it (run and task events are both keyed by the run id but live in two topics; see flink-jobs/schemas).
/// </summary>
public static class EventTopics
{
    /// <summary>The family topic's name without the prefix, for every event type the outbox holds.</summary>
    public static string FamilyOf(string eventType) => eventType switch
    {
        "run.created" or "run.state_changed" => "runs",
        "task.state_changed" or "attempt.started" or "attempt.finished" => "tasks",
        "job.applied" or "job.deleted" => "jobs",
        "schedule.tick" => "schedule.ticks",
        _ => throw new UnknownEventTypeException(eventType),
    };

    public static string Of(string eventType, string prefix) => prefix + FamilyOf(eventType);
}
