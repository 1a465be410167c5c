using System.Text.Json;
using Genie.Client.Contracts;
using Genie.Server.Grpc.V1;
using Genie.Server.Store;
using Google.Protobuf.WellKnownTypes;

namespace Genie.Server.Grpc;

/// <summary>The REST resources as gRPC messages: the gRPC API shows exactly what REST shows, in its own shapes.</summary>
public static class GrpcMapping
{
    public static Job ToMessage(this JobResource job)
    {
        var message = new Job
        {
            Namespace = job.Namespace,
            Name = job.Name,
            Group = job.Group ?? "",
            Version = job.Version,
            ContentHash = job.ContentHash,
            CreatedAt = Timestamp.FromDateTimeOffset(job.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(job.UpdatedAt),
            DefinitionJson = job.Definition.GetRawText(),
        };
        message.Labels.Add(job.Labels.ToDictionary());
        return message;
    }

    public static Run ToMessage(this RunResource run)
    {
        var message = new Run
        {
            Id = run.Id,
            Namespace = run.Namespace,
            Job = run.Job,
            JobVersion = run.JobVersion,
            Executor = run.Executor,
            State = run.State,
            Reason = run.Reason ?? "",
            ParamsJson = JsonSerializer.Serialize(run.Params),
            Trigger = run.Trigger,
            TriggeredBy = run.TriggeredBy,
            CreatedAt = Timestamp.FromDateTimeOffset(run.CreatedAt),
            StartedAt = Time(run.StartedAt),
            FinishedAt = Time(run.FinishedAt),
            TraceId = run.TraceId ?? "",
        };
        message.Tasks.AddRange((run.Tasks ?? []).Select(t =>
        {
            var task = new TaskRun { Name = t.Name, Replica = t.Replica, State = t.State, Reason = t.Reason ?? "", Attempts = t.Attempts };
            if (t.ExitCode is { } exitCode)
            {
                task.ExitCode = exitCode;
            }

            return task;
        }));
        return message;
    }

    public static RunEvent ToMessage(this StoredEvent e) => new()
    {
        Id = e.Id,
        Type = e.Type,
        OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
        Actor = e.Actor,
        SchemaVersion = e.SchemaVersion,
        PayloadJson = e.Payload,
    };

    /// <summary>A param value as the trigger takes it: protobuf's JSON form of the value is its JSON.</summary>
    public static JsonElement ToJson(this Value value) => JsonSerializer.Deserialize<JsonElement>(Google.Protobuf.JsonFormatter.Default.Format(value));

    private static Timestamp? Time(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
