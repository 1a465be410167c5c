using System.Globalization;
using System.Text.Json;
using Avro.Generic;
using Genie.Server.Store;

namespace Genie.Server.Kafka;

/// <summary>
/// Builds the Avro record of an outbox row from its schema: the envelope (`eventId`, `occurredAt`, `actor`,
/// `schemaVersion`) from the row's columns, every other field from the payload's JSON by name. Values take the types
/// Apache.Avro's logical types expect: uuid as <see cref="Guid"/>, timestamp-millis as a UTC <see cref="DateTime"/>.
/// </summary>
public static class EventRecord
{
    public static GenericRecord Of(RelayedEvent e)
    {
        var schema = EventSchemas.For(e.Type);
        var record = new GenericRecord(schema);
        using var payload = JsonDocument.Parse(e.Payload);
        foreach (var field in schema.Fields)
        {
            record.Add(field.Name, field.Name switch
            {
                "eventId" => e.EventId,
                "occurredAt" => e.OccurredAt.UtcDateTime,
                "actor" => e.Actor,
                "schemaVersion" => e.SchemaVersion,
                _ => payload.RootElement.TryGetProperty(field.Name, out var value)
                    ? ValueOf(value, field.Schema, e, field.Name)
                    : ValueOf(default, field.Schema, e, field.Name),
            });
        }

        return record;
    }

    private static object? ValueOf(JsonElement value, Avro.Schema schema, RelayedEvent e, string field) => schema switch
    {
        Avro.UnionSchema union when value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined =>
            union.Schemas.Any(s => s.Tag == Avro.Schema.Type.Null) ? null : throw Mismatch(e, field, "null"),
        Avro.UnionSchema union => ValueOf(value, union.Schemas.Single(s => s.Tag != Avro.Schema.Type.Null), e, field),
        Avro.LogicalSchema { LogicalTypeName: "uuid" } when value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var guid) => guid,
        Avro.LogicalSchema { LogicalTypeName: "timestamp-millis" } when value.ValueKind == JsonValueKind.String =>
            DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture).UtcDateTime,
        Avro.PrimitiveSchema { Tag: Avro.Schema.Type.String } when value.ValueKind == JsonValueKind.String => value.GetString(),
        Avro.PrimitiveSchema { Tag: Avro.Schema.Type.Int } when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) => number,
        _ => throw Mismatch(e, field, value.ValueKind.ToString()),
    };

    private static InvalidDataException Mismatch(RelayedEvent e, string field, string found) =>
        new($"Event {e.EventId} ({e.Type}): field `{field}` holds {found}, which its Avro schema does not allow.");
}
