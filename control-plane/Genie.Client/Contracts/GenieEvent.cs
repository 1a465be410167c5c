using System.Text.Json;

namespace Genie.Client.Contracts;

/// <summary>
/// One event of the stream (`GET /api/v1/events`): its id (what a stream resumes after), type (`run.state_changed`),
/// aggregate, time, actor and schema version, with the type's payload (read <see cref="SchemaVersion"/> first).
/// </summary>
public sealed record GenieEvent(
    long Id,
    string Type,
    EventAggregate Aggregate,
    DateTimeOffset OccurredAt,
    string Actor,
    int SchemaVersion,
    JsonElement Payload);
