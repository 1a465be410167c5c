using System.Text.Json;
using Genie.Core.Events;

namespace Genie.Server.Store;

/// <summary>An event serialised and waiting for its transaction's commit, when the outbox writes all of them at once.</summary>
public sealed record PendingEvent(
    DateTimeOffset OccurredAt, string AggregateType, string AggregateId, string Type, int SchemaVersion, string Actor, string Payload)
{
    public static PendingEvent Of<TEvent>(DateTimeOffset occurredAt, TEvent payload) where TEvent : IGenieEvent => new(
        occurredAt, TEvent.AggregateType, payload.AggregateId(), TEvent.Type, TEvent.SchemaVersion, payload.Actor,
        JsonSerializer.Serialize(payload, EventJson.Options));
}
