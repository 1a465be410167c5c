using System.Globalization;
using System.Text.Json;
using Avro.Generic;
using Genie.Server.Store;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// Compares a decoded Avro event with the outbox row it came from, field by field against the payload's JSON (not
/// through the server's own mapping), so a value the relay changed, dropped or mistyped shows up by name.
/// </summary>
public static class DecodedPayload
{
    public static IReadOnlyList<string> Differences(GenericRecord record, RelayedEvent row)
    {
        using var payload = JsonDocument.Parse(row.Payload);
        var differences = new List<string>();
        Expect(differences, "eventId", record["eventId"], row.EventId.ToString());
        Expect(differences, "occurredAt", Millis(record["occurredAt"]), row.OccurredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Expect(differences, "actor", record["actor"], row.Actor);
        Expect(differences, "schemaVersion", record["schemaVersion"], row.SchemaVersion.ToString(CultureInfo.InvariantCulture));
        foreach (var property in payload.RootElement.EnumerateObject().Where(p => p.Name != "actor"))
        {
            if (!record.TryGetValue(property.Name, out var value))
            {
                differences.Add($"{property.Name}: in the payload, not in the Avro record");
                continue;
            }

            Expect(differences, property.Name, value, property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                // An instant: ISO 8601 in the payload, timestamp-millis in Avro (sub-millisecond digits are cut).
                JsonValueKind.String when value is DateTime =>
                    DateTimeOffset.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.GetRawText(),
            });
        }

        differences.AddRange(record.Schema.Fields.Select(f => f.Name)
            .Where(name => name is not ("eventId" or "occurredAt" or "actor" or "schemaVersion") && !payload.RootElement.TryGetProperty(name, out _))
            .Select(name => $"{name}: in the Avro record, not in the payload"));
        return differences;
    }

    private static void Expect(List<string> differences, string field, object? actual, string? expected)
    {
        var text = actual switch
        {
            null => null,
            DateTime instant => Millis(instant),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => actual.ToString(),
        };
        if (text != expected)
        {
            differences.Add($"{field}: Avro {text ?? "null"}, outbox {expected ?? "null"}");
        }
    }

    private static string? Millis(object? value) => value is DateTime instant
        ? new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
        : value?.ToString();
}
